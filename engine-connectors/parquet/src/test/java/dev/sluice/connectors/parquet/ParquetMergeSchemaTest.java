package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parquet's {@code mergeSchema} option and its session default {@code spark.sql.parquet.mergeSchema}. */
class ParquetMergeSchemaTest extends ReaderTestSupport {
    @AfterEach
    void unset() {
        spark.conf().unset(ParquetFormat.MERGE_SCHEMA_CONF);
    }

    private String twoSchemas() {
        String path = dir.resolve("t").toString();
        spark.createDataFrame(List.of(RowFactory.create(1, "a")), StructType.fromDDL("id INT, name STRING"))
                .write().parquet(path + "/key=1");
        spark.createDataFrame(List.of(RowFactory.create(2, 2.5)), StructType.fromDDL("id INT, score DOUBLE"))
                .write().parquet(path + "/key=2");
        return path;
    }

    @Test
    void mergeSchemaUnitesTheColumnsOfEveryFileMissingOnesReadAsNull() {
        String path = twoSchemas();
        assertThat(spark.read().parquet(path).schema().fieldNames()).containsExactly("id", "name", "key");
        var merged = spark.read().option("mergeSchema", "true").parquet(path);
        assertThat(merged.schema().simpleString()).isEqualTo("struct<id:int,name:string,score:double,key:int>");
        assertThat(sorted(merged)).containsExactly("[1,a,null,1]", "[2,null,2.5,2]");
    }

    @Test
    void theSessionSettingIsTheDefaultAndTheOptionWins() {
        String path = twoSchemas();
        spark.conf().set(ParquetFormat.MERGE_SCHEMA_CONF, "true");
        assertThat(spark.read().parquet(path).schema().fieldNames()).containsExactly("id", "name", "score", "key");
        assertThat(spark.read().option("mergeSchema", "false").parquet(path).schema().fieldNames())
                .containsExactly("id", "name", "key");
    }

    @Test
    void incompatibleTypesFailNamingBoth() {
        String path = dir.resolve("bad").toString();
        spark.createDataFrame(List.of(RowFactory.create(1)), StructType.fromDDL("v INT")).write().parquet(path);
        spark.createDataFrame(List.of(RowFactory.create("x")), StructType.fromDDL("v STRING")).write()
                .mode(SaveMode.Append).parquet(path);
        assertThatThrownBy(() -> spark.read().option("mergeSchema", "true").parquet(path))
                .hasMessageContaining("CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE")
                .hasMessageContaining("\"INT\"").hasMessageContaining("\"STRING\""); // file order is by (random) name
    }
}
