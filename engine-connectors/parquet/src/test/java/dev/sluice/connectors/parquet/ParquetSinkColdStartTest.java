package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the cold start of a JSON folder → Parquet sink query (benchmarks/README.md, "Cold start with files"): in a
 * fresh JVM, the path to the first committed batch loads no Hadoop {@code Configuration}, {@code FileSystem} or codec
 * machinery (shaded Guava, MapReduce, commons-collections, Woodstox), only the handful of Hadoop classes that name
 * local paths, and no record method bootstrap. Counts classes, not time: the counts do not depend on the machine's load.
 */
class ParquetSinkColdStartTest {
    /** Hadoop classes the local path still loads (10 today): {@code Path}, {@code FileStatus}, {@code FsPermission}. */
    private static final int MAX_HADOOP_CLASSES = 12;

    @Test
    void firstParquetBatchLoadsNoHadoopConfigurationFileSystemOrCodecs(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path log = dir.resolve("classes.txt");
        Path work = Files.createDirectories(dir.resolve("work"));
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
                ParquetSinkColdStartProbe.class.getName(), work.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(2, TimeUnit.MINUTES)).as("probe finished").isTrue();
        assertThat(output).contains(ParquetSinkColdStartProbe.COMMITTED);
        assertThat(probe.exitValue()).as(output).isZero();

        // the batch did write its row, as snappy Parquet
        List<Path> written;
        try (Stream<Path> files = Files.list(work.resolve("out"))) {
            written = files.filter(f -> f.getFileName().toString().endsWith(".snappy.parquet")).toList();
        }
        assertThat(written).hasSize(1);
        StructType schema = StructType.fromDDL("id BIGINT, name STRING");
        assertThat(new ParquetFormat().open(FileAccess.path(written.get(0)), schema, FormatOptions.empty()).readAll())
                .singleElement().satisfies(chunk -> assertThat(chunk.rowCount()).isEqualTo(1));

        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("classes loaded").anyMatch(l -> l.contains(" org.apache.parquet.hadoop.ParquetFileWriter "));
        for (String family : List.of(" org.apache.hadoop.conf.Configuration ", " org.apache.hadoop.fs.FileSystem ",
                " org.apache.hadoop.io.compress.", " org.apache.hadoop.fs.FSDataInputStream ",
                " org.apache.hadoop.fs.FSDataOutputStream ", " org.apache.hadoop.util.ReflectionUtils ",
                " org.apache.hadoop.thirdparty.", " org.apache.hadoop.mapreduce.", " org.apache.hadoop.mapred.",
                " org.apache.hadoop.security.", " org.apache.commons.collections4.", " com.ctc.wstx.",
                " org.codehaus.stax2.", " org.apache.parquet.hadoop.CodecFactory$HeapBytesCompressor ")) {
            assertThat(loaded).as("classes of%s", family).noneMatch(l -> l.contains(family));
        }
        assertThat(loaded.stream().filter(l -> l.contains(" org.apache.hadoop.")).count()).as("Hadoop classes")
                .isLessThanOrEqualTo(MAX_HADOOP_CLASSES);
        // a record's generated equals/hashCode/toString bootstraps ObjectMethods (~40 method-handle classes) the first
        // time it runs: the start path writes out those it calls (FileListing.SourceFile)
        assertThat(loaded).as("records' ObjectMethods bootstrap").noneMatch(l -> l.contains(" java.lang.runtime.ObjectMethods "));
    }
}
