package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file access goes through Hadoop's FileSystem API: batch reads and writes, globs, the streaming
 * source (listing, reading, archiving, its log) and the sink (files and {@code _spark_metadata}) work on
 * {@code chroot:} paths, a scheme registered through {@code spark.hadoop.fs.chroot.impl} whose paths exist
 * only through that file system ({@link ChrootTestFileSystem}), and on {@code file:} URIs.
 */
class HadoopFileSystemTest extends FileStreamTestSupport {
    private static final StructType PEOPLE = StructType.fromDDL("name STRING, city STRING");

    @BeforeEach
    void registerTheTestScheme() {
        spark.conf().set("spark.hadoop.fs.chroot.impl", ChrootTestFileSystem.class.getName());
        spark.conf().set("spark.hadoop.fs.chroot.impl.disable.cache", "true");
        spark.conf().set("spark.hadoop." + ChrootTestFileSystem.ROOT_KEY, dir.toString());
        ChrootTestFileSystem.CALLS.clear();
    }

    @AfterEach
    void unregister() {
        spark.conf().unset("spark.hadoop.fs.chroot.impl");
        spark.conf().unset("spark.hadoop.fs.chroot.impl.disable.cache");
        spark.conf().unset("spark.hadoop." + ChrootTestFileSystem.ROOT_KEY);
    }

    private Dataset<Row> people() {
        return spark.createDataFrame(List.of(RowFactory.create("Ana", "Pune"), RowFactory.create("Bo", "Goa"),
                RowFactory.create("Cy", "Pune")), PEOPLE);
    }

    private static List<String> sorted(Dataset<Row> data) {
        return data.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "parquet", "text"})
    void everyFormatWritesAndReadsPartitionedDataThroughTheFileSystemOfTheScheme(String format) throws Exception {
        people().write().format(format).option("header", "true").partitionBy("city").save("chroot:///out");

        assertThat(filesUnder(dir.resolve("out"))).contains("_SUCCESS").anyMatch(f -> f.startsWith("city=Pune/part-"))
                .noneMatch(f -> f.endsWith(".crc"));
        Dataset<Row> back = spark.read().format(format).option("header", "true").load("chroot:///out");
        // the data column, then the partition column
        assertThat(sorted(back)).containsExactly("[Ana,Pune]", "[Bo,Goa]", "[Cy,Pune]");
        assertThat(ChrootTestFileSystem.calls("create")).isPositive();
        assertThat(ChrootTestFileSystem.calls("open")).isPositive();
        assertThat(ChrootTestFileSystem.calls("list")).isPositive();
    }

    @Test
    void globsRecursiveLookupAndGlobFiltersListThroughTheFileSystem() throws Exception {
        Files.createDirectories(dir.resolve("in/a"));
        Files.createDirectories(dir.resolve("in/b/deep"));
        Files.writeString(dir.resolve("in/a/x.json"), "{\"v\":1}\n");
        Files.writeString(dir.resolve("in/b/y.json"), "{\"v\":2}\n");
        Files.writeString(dir.resolve("in/b/deep/z.json"), "{\"v\":3}\n");
        Files.writeString(dir.resolve("in/b/_hidden.json"), "{\"v\":4}\n");
        StructType v = StructType.fromDDL("v INT");

        assertThat(sorted(spark.read().schema(v).json("chroot:///in/*/*.json"))).containsExactly("[1]", "[2]");
        assertThat(sorted(spark.read().schema(v).option("recursiveFileLookup", "true").json("chroot:///in")))
                .containsExactly("[1]", "[2]", "[3]");
        assertThat(sorted(spark.read().schema(v).option("pathGlobFilter", "[xz].json").json("chroot:///in")))
                .containsExactly("[1]", "[3]");
        assertThatThrownBy(() -> spark.read().schema(v).json("chroot:///nothing/*.json"))
                .hasMessageContaining("PATH_NOT_FOUND").hasMessageContaining("chroot:/nothing/*.json");
    }

    @Test
    void streamingSourceArchiveSinkAndItsLogGoThroughTheFileSystem() throws Exception {
        drop(dir.resolve("in/2024/a.json"), "{\"name\":\"Ana\",\"city\":\"Pune\"}\n", 1000);
        StreamingQuery query = spark.readStream().format("json").schema(PEOPLE)
                .option("cleanSource", "archive").option("sourceArchiveDir", "chroot:///archive")
                .load("chroot:///in/*").writeStream().format("parquet").partitionBy("city")
                .option("path", "chroot:///out").option("checkpointLocation", dir.resolve("chk").toString()).start();
        query.processAllAvailable();
        drop(dir.resolve("in/2025/b.json"), "{\"name\":\"Bo\",\"city\":\"Goa\"}\n", 2000);
        query.processAllAvailable();
        query.stop();

        // archived with their path relative to the source folder (the part before the glob)
        assertThat(filesUnder(dir.resolve("archive"))).containsExactly("2024/a.json", "2025/b.json");
        assertThat(Files.readString(dir.resolve("out/_spark_metadata/0"))).contains("\"path\":\"chroot:///out/city=Pune/part-");
        assertThat(sorted(spark.read().parquet("chroot:///out"))).containsExactly("[Ana,Pune]", "[Bo,Goa]");
        assertThat(ChrootTestFileSystem.calls("rename")).isPositive(); // archive moves and log publication
    }

    @Test
    void fileUrisAndPlainPathsNameTheSameLocalFiles() throws Exception {
        String uri = "file://" + dir.resolve("uri").toAbsolutePath();
        people().write().json(uri);
        assertThat(sorted(spark.read().schema(PEOPLE).json(dir.resolve("uri").toString())))
                .containsExactly("[Ana,Pune]", "[Bo,Goa]", "[Cy,Pune]");
        assertThat(sorted(spark.read().schema(PEOPLE).json(uri + "/*.json"))).hasSize(3);
        assertThat(filesUnder(dir.resolve("uri"))).noneMatch(f -> f.endsWith(".crc"));
    }

    @Test
    void aSchemeWithoutFileSystemIsAnErrorNamingIt() {
        assertThatThrownBy(() -> spark.read().json("nosuchfs:///data"))
                .hasMessageContaining("nosuchfs");
    }

    @Test
    void theSinkLogPublishesWithoutReplacingOnAFileSystemWhoseRenameNeverReplaces() throws Exception {
        FileSinkLog log = new FileSinkLog(FileAccess.of(spark), new org.apache.hadoop.fs.Path("chroot:///sink"));
        FileSinkLog.Entry entry = new FileSinkLog.Entry("chroot:///sink/a", 1, false, 0, 1, 1, "add");
        assertThat(log.add(0, List.of(entry))).isTrue();
        assertThat(log.add(0, List.of(entry))).isFalse();
        assertThat(filesUnder(dir.resolve("sink/_spark_metadata"))).containsExactly("0");
        assertThat(ChrootTestFileSystem.calls("rename")).isEqualTo(1); // the generic publication, not a local link
    }
}
