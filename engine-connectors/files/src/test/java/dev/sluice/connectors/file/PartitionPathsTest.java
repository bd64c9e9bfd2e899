package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.TestRows;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's partition directory names and partition type inference. */
class PartitionPathsTest {
    @Test
    void rendersValuesAsCastToStringAndEscapesLikeSpark() {
        assertThat(PartitionPaths.directory("start", TestRows.micros("2022-05-09T10:00:00Z"), DataTypes.TimestampType,
                ZoneOffset.UTC)).isEqualTo("start=2022-05-09 10%3A00%3A00");
        assertThat(PartitionPaths.directory("d", TestRows.days("2022-05-09"), DataTypes.DateType, ZoneOffset.UTC))
                .isEqualTo("d=2022-05-09");
        assertThat(PartitionPaths.directory("a=b", "x/y?#%", DataTypes.StringType, ZoneOffset.UTC))
                .isEqualTo("a%3Db=x%2Fy%3F%23%25");
        assertThat(PartitionPaths.directory("s", "", DataTypes.StringType, ZoneOffset.UTC))
                .isEqualTo("s=__HIVE_DEFAULT_PARTITION__");
        assertThat(PartitionPaths.directory("s", null, DataTypes.StringType, ZoneOffset.UTC))
                .isEqualTo("s=__HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void parsesDirectoriesAndInfersTypesAsSpark() {
        assertThat(PartitionPaths.parse(List.of("y=2024", "x%3Ay=__HIVE_DEFAULT_PARTITION__", "other")))
                .containsExactly(java.util.Map.entry("y", "2024"), new java.util.AbstractMap.SimpleEntry<>("x:y", null));
        assertThat(PartitionPaths.inferType(List.of("1", "2"), ZoneOffset.UTC)).isEqualTo(DataTypes.IntegerType);
        assertThat(PartitionPaths.inferType(List.of("1", "30000000000"), ZoneOffset.UTC)).isEqualTo(DataTypes.LongType);
        assertThat(PartitionPaths.inferType(List.of("123456789012345678901"), ZoneOffset.UTC)).isEqualTo(new DecimalType(21, 0));
        assertThat(PartitionPaths.inferType(List.of("1", "2.5"), ZoneOffset.UTC)).isEqualTo(DataTypes.DoubleType);
        assertThat(PartitionPaths.inferType(List.of("2022-05-09"), ZoneOffset.UTC)).isEqualTo(DataTypes.DateType);
        assertThat(PartitionPaths.inferType(List.of("2022-05-09", "2022-05-09 10:00:00"), ZoneOffset.UTC))
                .isEqualTo(DataTypes.TimestampType);
        assertThat(PartitionPaths.inferType(List.of("1", "a"), ZoneOffset.UTC)).isEqualTo(DataTypes.StringType);
        assertThat(PartitionPaths.inferType(Arrays.asList(null, null), ZoneOffset.UTC)).isEqualTo(DataTypes.StringType);
    }
}
