package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.connectors.TestRows;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

/**
 * A streaming Parquet read reads only the columns and struct fields the query uses: the column chunks of the others
 * are overwritten with garbage, and the query still returns the right rows (while a query reading them fails, and
 * so does one that uses a struct field with Spark's {@code spark.sql.optimizer.nestedSchemaPruning.enabled=false}).
 */
class ParquetStreamPruningTest extends ReaderTestSupport {
    private static final StructType SCHEMA = StructType.fromDDL(
            "id BIGINT, st STRUCT<keep: INT, drop: STRING, inner: STRUCT<x: INT, y: STRING>>, payload STRING");
    private static final int ROWS = 5000;

    @Test
    void readsOnlyTheUsedColumnsAndStructFields() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Path file = in.resolve("part-0.parquet");
        List<List<Object>> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            // st null every 7th row, st.keep null every 5th, st.inner null every 3rd
            List<Object> inner = i % 3 == 0 ? null : Arrays.asList(i * 2, "y" + i);
            List<Object> st = i % 7 == 0 ? null : Arrays.asList(i % 5 == 0 ? null : i, "drop" + i, inner);
            rows.add(Arrays.asList((long) i, st, "payload" + i));
            if (i % 2 == 0) {
                expected.add("[" + i + "," + (st == null || i % 5 == 0 ? null : i) + ","
                        + (st == null || inner == null ? null : i * 2) + "," + (st == null) + "]");
            }
        }
        try (ChunkWriter writer = new ParquetFormat().create(FileAccess.path(file), SCHEMA,
                FormatOptions.of(Map.of(), ZoneOffset.UTC))) {
            writer.write(TestRows.chunk(SCHEMA, rows.toArray(new List<?>[0])));
        }
        spoil(file, "payload", "st.drop", "st.inner.y");

        assertThat(run("id", "st.keep AS keep", "st.inner.x AS x", "st.keep IS NULL AND st.drop IS NULL AS stNull"))
                .as("st.drop is read here").isNull();
        List<String> got = run("id", "st.keep AS keep", "st.inner.x AS x", "isnull(st.keep + st.inner.x) AND id % 7 = 0"
                + " AS stNull");
        assertThat(got).hasSize(ROWS / 2).containsExactlyInAnyOrderElementsOf(expected);

        spark.conf().set("spark.sql.optimizer.nestedSchemaPruning.enabled", "false");
        try {
            assertThat(run("id", "st.keep AS keep")).as("without nested pruning st is read whole").isNull();
        } finally {
            spark.conf().unset("spark.sql.optimizer.nestedSchemaPruning.enabled");
        }
    }

    /** The rows of the even ids projected by {@code columns}; null when the query failed. */
    private List<String> run(String... columns) throws Exception {
        Dataset<Row> events = spark.readStream().schema(SCHEMA).parquet(dir.resolve("in").toString());
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery query = events.filter("id % 2 = 0").selectExpr(columns).writeStream()
                .trigger(Trigger.AvailableNow())
                .option("checkpointLocation", dir.resolve("cp-" + System.nanoTime()).toString())
                .foreachBatch((Dataset<Row> batch, Long id) -> batch.collectAsList().forEach(r -> out.add(r.toString())))
                .start();
        try {
            query.awaitTermination();
        } catch (dev.sluice.sql.streaming.StreamingQueryException e) {
            return null;
        }
        return query.exception().isDefined() ? null : out;
    }

    /** Overwrites the column chunks of {@code paths} with bytes no Parquet decoder accepts. */
    private static void spoil(Path file, String... paths) throws Exception {
        List<String> spoiled = Arrays.asList(paths);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
                RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
                if (spoiled.contains(column.getPath().toDotString())) {
                    raw.seek(column.getStartingPos());
                    byte[] garbage = new byte[(int) column.getTotalSize()];
                    Arrays.fill(garbage, (byte) 0xFF);
                    raw.write(garbage);
                }
            }
        }
    }
}
