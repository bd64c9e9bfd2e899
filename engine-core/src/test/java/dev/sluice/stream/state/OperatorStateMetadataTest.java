package dev.sluice.stream.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state/<id>/_metadata} reads back exactly what was written, whatever the types and column names. */
class OperatorStateMetadataTest {
    @TempDir
    Path dir;

    @Test
    void everyTypeAndOddColumnNamesRoundTrip() {
        StructType key = new StructType()
                .add("plain", DataTypes.StringType)
                .add("sum(v)", DataTypes.LongType)
                .add("with `backtick` and = sign", DataTypes.IntegerType, false)
                .add("line\nbreak\\slash", DataTypes.TimestampType)
                .add("window", new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType))
                .add("d", DataTypes.createDecimalType(12, 3))
                .add("arr", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("m", DataTypes.createMapType(DataTypes.StringType,
                        new StructType().add("x", DataTypes.BooleanType).add("y", DataTypes.BinaryType)))
                .add("f", DataTypes.FloatType)
                .add("dt", DataTypes.DateType)
                .add("s", DataTypes.ShortType)
                .add("b", DataTypes.ByteType);
        OperatorStateMetadata written = new OperatorStateMetadata(3, "stateStoreSave",
                OperatorStateMetadata.ENCODING_VERSION, 128, "rocksdb", List.of(
                        new OperatorStateMetadata.StoreSchema("default", key, new StructType()),
                        new OperatorStateMetadata.StoreSchema("other", new StructType(), key)));
        written.write(dir, false);
        assertThat(OperatorStateMetadata.read(dir, 3)).contains(written);
        assertThat(OperatorStateMetadata.readAll(dir)).containsOnlyKeys(3L);
        assertThat(OperatorStateMetadata.read(dir, 4)).isEmpty();
    }

    @Test
    void layoutsIgnoreNamesAndNullabilityButNotTypesOrWidth() {
        StructType a = new StructType().add("a", DataTypes.LongType, false)
                .add("s", new StructType().add("x", DataTypes.StringType));
        StructType renamed = new StructType().add("b", DataTypes.LongType, true)
                .add("t", new StructType().add("y", DataTypes.StringType, false));
        assertThat(StateSchemaCheck.sameLayout(a, renamed)).isTrue();
        assertThat(StateSchemaCheck.sameLayout(a, new StructType().add("a", DataTypes.DoubleType)
                .add("s", new StructType().add("x", DataTypes.StringType)))).isFalse();
        assertThat(StateSchemaCheck.sameLayout(a, new StructType().add("a", DataTypes.LongType))).isFalse();
        assertThat(StateSchemaCheck.sameLayout(DataTypes.createArrayType(DataTypes.IntegerType, false),
                DataTypes.createArrayType(DataTypes.IntegerType, true))).isTrue();
    }
}
