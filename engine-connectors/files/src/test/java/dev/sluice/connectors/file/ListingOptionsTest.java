package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Row;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic listing options of batch reads: basePath, modifiedBefore/modifiedAfter, pathGlobFilter. */
class ListingOptionsTest extends FileStreamTestSupport {
    private static final StructType V = StructType.fromDDL("v INT");

    private Path json(String relative, int v, String modified) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"v\":" + v + "}\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
        return file;
    }

    private static List<String> rows(dev.sluice.sql.Dataset<Row> data) {
        return data.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void basePathMakesTheDirectoriesBelowItPartitionColumns() throws Exception {
        json("t/year=2020/month=1/a.json", 1, "2020-01-01T00:00:00Z");
        json("t/year=2021/month=2/b.json", 2, "2020-01-01T00:00:00Z");
        String year2020 = dir.resolve("t/year=2020").toString();

        assertThat(spark.read().schema(V).json(year2020).schema().fieldNames()).containsExactly("v", "month");
        assertThat(rows(spark.read().schema(V).option("basePath", dir.resolve("t").toString()).json(year2020)))
                .containsExactly("[1,2020,1]");
        assertThat(rows(spark.read().schema(V).option("basePath", dir.resolve("t").toString())
                .json(dir.resolve("t/year=2021/month=2/b.json").toString()))).containsExactly("[2,2021,2]");
        assertThatThrownBy(() -> spark.read().schema(V).option("basePath", dir.resolve("t/year=2021").toString())
                .json(year2020)).hasMessageContaining("Wrong basePath").hasMessageContaining("year=2020");
    }

    @Test
    void basePathAlsoNamesThePartitionColumnsOfAStream() throws Exception {
        drop(dir.resolve("st/year=2024/a.json"), "{\"v\":1}\n", 1000);
        var df = spark.readStream().schema(V).option("basePath", dir.resolve("st").toString())
                .json(dir.resolve("st/year=2024").toString());
        assertThat(df.schema().simpleString()).isEqualTo("struct<v:int,year:int>");
        List<String> rows = new java.util.ArrayList<>();
        var query = df.writeStream().option("checkpointLocation", dir.resolve("cp").toString())
                .foreachBatch((batch, id) -> {
                    synchronized (rows) {
                        batch.collectAsList().forEach(r -> rows.add(r.toString()));
                    }
                }).start();
        query.processAllAvailable();
        query.stop();
        assertThat(rows).containsExactly("[1,2024]");
    }

    @Test
    void modifiedBeforeAndAfterKeepFilesByModificationTime() throws Exception {
        json("m/old.json", 1, "2020-06-01T10:00:00Z");
        json("m/new.json", 2, "2020-06-01T14:00:00Z");
        String path = dir.resolve("m").toString();
        assertThat(rows(spark.read().schema(V).option("modifiedBefore", "2020-06-01T12:00:00").json(path)))
                .containsExactly("[1]");
        assertThat(rows(spark.read().schema(V).option("modifiedAfter", "2020-06-01T12:00:00").json(path)))
                .containsExactly("[2]");
        assertThat(rows(spark.read().schema(V).option("modifiedAfter", "2020-06-01T09:00:00")
                .option("modifiedBefore", "2020-06-01T15:00:00").json(path))).containsExactly("[1]", "[2]");
        // Spark reads the threshold in the timeZone option (22:00+05:00 = 17:00Z) and compares it with the
        // modification time shifted to that zone's wall clock (old: 15:00, new: 19:00)
        assertThat(rows(spark.read().schema(V).option("timeZone", "+05:00")
                .option("modifiedBefore", "2020-06-01T22:00:00").json(path))).containsExactly("[1]");
        assertThatThrownBy(() -> spark.read().schema(V).option("modifiedBefore", "yesterday").json(path))
                .hasMessageContaining("The timestamp provided for the 'modifiedbefore' option is invalid");
    }

    @Test
    void modifiedOptionsAreRejectedByTheStreamingSource() throws Exception {
        json("s/a.json", 1, "2020-06-01T10:00:00Z");
        assertThatThrownBy(() -> spark.readStream().schema(V).option("modifiedBefore", "2020-06-01T12:00:00")
                .json(dir.resolve("s").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[SLUICE_INVALID_OPTION_VALUE] option 'modifiedbefore' is not allowed in file stream"
                        + " sources SQLSTATE: 42616");
    }

    @Test
    void pathGlobFilterKeepsMatchingFileNamesOnly() throws Exception {
        json("g/a.json", 1, "2020-01-01T00:00:00Z");
        json("g/b.txt", 2, "2020-01-01T00:00:00Z");
        json("g/sub/c.json", 3, "2020-01-01T00:00:00Z");
        assertThat(rows(spark.read().schema(V).option("pathGlobFilter", "*.json").json(dir.resolve("g").toString())))
                .containsExactly("[1]", "[3]");
    }
}
