package dev.sluice.connectors.parquet;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code StructType.merge} for Parquet's {@code mergeSchema}: the fields of the left schema in order
 * (same-named fields merged), then the right schema's new fields; structs merge recursively, arrays and maps
 * by element, key and value; other types must be equal, else {@code CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE}.
 * Every merged field is nullable (a file may lack it). Stateless.
 */
final class SchemaMerger {
    private SchemaMerger() {
    }

    static StructType merge(StructType left, StructType right) {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : left) {
            int other = right.indexOfIgnoreCase(field.name());
            DataType type = other < 0 ? field.dataType() : mergeTypes(field.dataType(), right.apply(other).dataType());
            fields.add(new StructField(field.name(), type, true));
        }
        for (StructField field : right) {
            if (left.indexOfIgnoreCase(field.name()) < 0) {
                fields.add(new StructField(field.name(), field.dataType(), true));
            }
        }
        return new StructType(fields);
    }

    private static DataType mergeTypes(DataType left, DataType right) {
        if (left instanceof StructType l && right instanceof StructType r) {
            return merge(l, r);
        }
        if (left instanceof ArrayType l && right instanceof ArrayType r) {
            return new ArrayType(mergeTypes(l.elementType(), r.elementType()), l.containsNull() || r.containsNull());
        }
        if (left instanceof MapType l && right instanceof MapType r) {
            return new MapType(mergeTypes(l.keyType(), r.keyType()), mergeTypes(l.valueType(), r.valueType()),
                    l.valueContainsNull() || r.valueContainsNull());
        }
        if (left.equals(right)) {
            return left;
        }
        throw new AnalysisException("CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE", "Failed to merge incompatible data types \""
                + left.sql() + "\" and \"" + right.sql() + "\". Please check the data types of the columns being merged"
                + " and ensure that they are compatible. If necessary, consider casting the columns to compatible data"
                + " types before attempting the merge.", "42825");
    }
}
