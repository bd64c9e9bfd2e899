package dev.sluice.sql.types;

import dev.sluice.sqllite.SqlParser;
import dev.sluice.sqllite.ast.ArrayTypeSpec;
import dev.sluice.sqllite.ast.DecimalTypeSpec;
import dev.sluice.sqllite.ast.FieldSpec;
import dev.sluice.sqllite.ast.MapTypeSpec;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import dev.sluice.sqllite.ast.StructTypeSpec;
import dev.sluice.sqllite.ast.TypeSpec;
import java.util.ArrayList;
import java.util.List;

/** Turns the parser's type ASTs into {@link DataType}s. Stateless. */
public final class TypeSpecConverter {
    private TypeSpecConverter() {
    }

    static DataType parseDataType(String text) {
        return dev.sluice.sql.catalyst.parser.ParseException.parsing(() -> toDataType(SqlParser.parseDataType(text)));
    }

    static StructType parseSchema(String ddl) {
        return dev.sluice.sql.catalyst.parser.ParseException.parsing(() -> toStructType(SqlParser.parseSchema(ddl)));
    }

    /** Converts one type AST. */
    public static DataType toDataType(TypeSpec spec) {
        if (spec instanceof PrimitiveTypeSpec p) {
            return switch (p.kind()) {
                case BOOLEAN -> DataTypes.BooleanType;
                case BYTE -> DataTypes.ByteType;
                case SHORT -> DataTypes.ShortType;
                case INT -> DataTypes.IntegerType;
                case LONG -> DataTypes.LongType;
                case FLOAT -> DataTypes.FloatType;
                case DOUBLE -> DataTypes.DoubleType;
                case STRING -> DataTypes.StringType;
                case BINARY -> DataTypes.BinaryType;
                case DATE -> DataTypes.DateType;
                case TIMESTAMP -> DataTypes.TimestampType;
                case TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
                case NULL -> DataTypes.NullType;
                case INTERVAL -> DataTypes.CalendarIntervalType;
            };
        }
        if (spec instanceof dev.sluice.sqllite.ast.IntervalTypeSpec i) {
            byte start = (byte) dev.sluice.sqllite.ast.IntervalTypeSpec.index(i.startField());
            byte end = (byte) dev.sluice.sqllite.ast.IntervalTypeSpec.index(i.endField());
            return i.yearMonth() ? new YearMonthIntervalType(start, end) : new DayTimeIntervalType(start, end);
        }
        if (spec instanceof DecimalTypeSpec d) {
            return new DecimalType(d.precision(), d.scale());
        }
        if (spec instanceof ArrayTypeSpec a) {
            return new ArrayType(toDataType(a.element()), true);
        }
        if (spec instanceof MapTypeSpec m) {
            return new MapType(toDataType(m.key()), toDataType(m.value()), true);
        }
        return toStructType(((StructTypeSpec) spec).fields());
    }

    /** Converts a list of field ASTs (a DDL schema) into a struct. */
    public static StructType toStructType(List<FieldSpec> specs) {
        List<StructField> fields = new ArrayList<>(specs.size());
        for (FieldSpec f : specs) {
            fields.add(new StructField(f.name(), toDataType(f.type()), f.nullable()));
        }
        return new StructType(fields);
    }
}
