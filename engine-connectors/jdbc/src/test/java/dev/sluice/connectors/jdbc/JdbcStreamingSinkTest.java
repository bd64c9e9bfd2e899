package dev.sluice.connectors.jdbc;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.analysis.JavaValues;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.DataSources;
import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.streaming.DataStreamWriter;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.stream.BatchHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once streaming sink against a real MariaDB, fed by JSON files (a replayable source), one file
 * per batch: append and upsert modes with a kill after the database commit and before the engine's commit log
 * (the replayed batch is skipped) and a failure before the database commit (the batch is redone whole).
 */
class JdbcStreamingSinkTest extends JdbcTestSupport {
    @TempDir
    Path dir;
    private Path input;
    private int files;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(dir.resolve("in"));
    }

    /** Adds a file (one batch with maxFilesPerTrigger=1) holding these {@code {"id":..,"word":..}} records. */
    private void batch(String... records) throws IOException {
        Path file = input.resolve(String.format("part-%03d.json", files));
        Files.writeString(file, String.join("\n", records) + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_704_067_200_000L + 1000L * files++));
    }

    private static String rec(int id, String word) {
        return "{\"id\":" + id + ",\"word\":\"" + word + "\"}";
    }

    private Dataset<Row> stream() {
        return spark.readStream().format("json").schema("id INT, word STRING").option("maxFilesPerTrigger", 1)
                .load(input.toString());
    }

    private <T> DataStreamWriter<T> jdbc(DataStreamWriter<T> writer, String table, Path checkpoint) {
        return writer.format("jdbc").option("url", url()).option("dbtable", table).option("user", USER)
                .option("password", PASSWORD).option("checkpointLocation", checkpoint.toString());
    }

    private static void killAfterSinkOf(dev.sluice.sql.SluiceSession spark, long batch) {
        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                if (batchId == batch) {
                    throw new IllegalStateException("killed after the sink committed batch " + batchId);
                }
            }
        });
    }

    /** COUNT(*) of {@code table} as a READ UNCOMMITTED (dirty) or READ COMMITTED reader sees it. */
    private long count(String table, boolean dirty) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url(), USER, PASSWORD);
             java.sql.Statement s = c.createStatement()) {
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + (dirty ? "READ UNCOMMITTED" : "READ COMMITTED"));
            try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aBatchFlowsToTheDatabaseAsItsChunksArriveAndBecomesVisibleAtCommit() throws Exception {
        String t = table("flow");
        StructType schema = StructType.fromDDL("id INT, word STRING");
        Sink sink = DataSources.streaming("jdbc").createSink(new SinkContext(spark, schema, Map.of("url", url(),
                "dbtable", t, "user", USER, "password", PASSWORD, "batchsize", "2", "sinkId", "flow"),
                OutputMode.Append(), null));
        try {
            BatchWriter batch = sink.newBatchWriter(new BatchContext("q", 0, dir.toString(), OutputMode.Append(),
                    schema, chunks -> null));
            batch.write(JavaValues.toChunks(List.of(RowFactory.create(1, "a"), RowFactory.create(2, "b"),
                    RowFactory.create(3, "c")), schema, ZoneOffset.UTC).get(0));
            // two round trips of batchsize 2 would need 4 rows: 2 are in the open transaction, 1 waits in the statement
            assertThat(count(t, true)).isEqualTo(2);
            batch.write(JavaValues.toChunks(List.of(RowFactory.create(4, "d"), RowFactory.create(5, "e")), schema,
                    ZoneOffset.UTC).get(0));
            assertThat(count(t, true)).isEqualTo(4);
            assertThat(count(t, false)).isZero(); // nothing is visible before the batch commits
            batch.commit();
            assertThat(count(t, false)).isEqualTo(5);
            assertThat(query("SELECT batch_id FROM sluice_jdbc_commits WHERE sink_id = 'flow'"))
                    .containsExactly(List.of("0"));
        } finally {
            sink.stop();
        }
    }

    @Test
    void appendSkipsABatchReplayedAfterItsTransactionCommitted() throws Exception {
        String t = table("append");
        Path checkpoint = dir.resolve("cp");
        batch(rec(1, "a"), rec(2, "b"));
        batch(rec(3, "c"));
        killAfterSinkOf(spark, 1);
        StreamingQuery first = jdbc(stream().writeStream(), t, checkpoint).start();
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("killed after the sink committed batch 1");
        assertThat(checkpoint.resolve("commits/1")).doesNotExist();
        assertThat(query("SELECT id FROM " + t + " ORDER BY id")).hasSize(3);
        assertThat(query("SELECT sink_id, batch_id FROM sluice_jdbc_commits WHERE sink_id = '" + first.id() + "'"))
                .containsExactly(List.of(first.id().toString(), "1"));

        StreamingTestHooks.set(spark, BatchHooks.NONE);
        batch(rec(4, "d"));
        StreamingQuery second = jdbc(stream().writeStream(), t, checkpoint).start();
        second.processAllAvailable();
        assertThat(checkpoint.resolve("commits/1")).exists();
        assertThat(query("SELECT id, word FROM " + t + " ORDER BY id")).containsExactly(List.of("1", "a"),
                List.of("2", "b"), List.of("3", "c"), List.of("4", "d"));
        second.stop();
    }

    @Test
    void aBatchThatFailsBeforeItsCommitIsRolledBackAndRedone() throws Exception {
        String t = table("redo");
        Path checkpoint = dir.resolve("cp-redo");
        execute("CREATE TABLE " + t + " (id INT, word VARCHAR(10), CONSTRAINT no_poison CHECK (word <> 'poison'))");
        batch(rec(1, "a"));
        batch(rec(2, "b"), rec(3, "poison"), rec(4, "d"));
        StreamingQuery first = jdbc(stream().writeStream(), t, checkpoint).option("commitTable", "redo_commits").start();
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("Could not commit batch 1 to table " + t);
        // the rows of batch 1 sent before the failing one are not there: the transaction rolled back
        assertThat(query("SELECT id FROM " + t + " ORDER BY id")).containsExactly(List.of("1"));
        assertThat(query("SELECT batch_id FROM redo_commits")).containsExactly(List.of("0"));

        execute("ALTER TABLE " + t + " DROP CONSTRAINT no_poison");
        StreamingQuery second = jdbc(stream().writeStream(), t, checkpoint).option("commitTable", "redo_commits").start();
        second.processAllAvailable();
        assertThat(query("SELECT id FROM " + t + " ORDER BY id")).containsExactly(List.of("1"), List.of("2"),
                List.of("3"), List.of("4"));
        assertThat(query("SELECT batch_id FROM redo_commits")).containsExactly(List.of("1"));
        second.stop();
    }

    @Test
    void updateModeUpsertsByKeysExactlyOnce() throws Exception {
        String t = table("counts");
        Path checkpoint = dir.resolve("cp-upsert");
        batch(rec(1, "x"), rec(2, "y"), rec(3, "x"));
        batch(rec(4, "x"), rec(5, "z"));
        Dataset<Row> counts = stream().groupBy(col("word")).count();
        killAfterSinkOf(spark, 1);
        StreamingQuery first = jdbc(counts.writeStream().outputMode("update"), t, checkpoint).option("keys", "word")
                .start();
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class);
        assertThat(query("SELECT word, count FROM " + t + " ORDER BY word")).containsExactly(List.of("x", "3"),
                List.of("y", "1"), List.of("z", "1"));
        assertThat(query("SELECT COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + database
                + "' AND TABLE_NAME = '" + t + "' AND COLUMN_NAME = 'word'")).containsExactly(List.of("PRI"));

        StreamingTestHooks.set(spark, BatchHooks.NONE);
        batch(rec(6, "y"));
        StreamingQuery second = jdbc(counts.writeStream().outputMode("update"), t, checkpoint).option("keys", "word")
                .start();
        second.processAllAvailable();
        assertThat(query("SELECT word, count FROM " + t + " ORDER BY word")).containsExactly(List.of("x", "3"),
                List.of("y", "2"), List.of("z", "1"));
        second.stop();
    }

    @Test
    void completeModeReplacesTheTableInTheBatchTransaction() throws Exception {
        String t = table("complete");
        batch(rec(1, "x"), rec(2, "y"));
        batch(rec(3, "x"));
        StreamingQuery q = jdbc(stream().groupBy(col("word")).count().writeStream().outputMode("complete"), t,
                dir.resolve("cp-complete")).start();
        q.processAllAvailable();
        assertThat(query("SELECT word, count FROM " + t + " ORDER BY word")).containsExactly(List.of("x", "2"),
                List.of("y", "1"));
        q.stop();
    }

    @Test
    void misconfiguredSinksFailAtStart() {
        assertThatThrownBy(() -> jdbc(stream().groupBy(col("word")).count().writeStream().outputMode("update"), "t",
                dir.resolve("cp-nokeys")).start()).hasMessageContaining("needs option 'keys'");
        assertThatThrownBy(() -> jdbc(stream().groupBy(col("word")).count().writeStream().outputMode("update"), "t",
                dir.resolve("cp-badkeys")).option("keys", "word,nope").start())
                .hasMessageContaining("Option 'keys' names column nope");
        assertThatThrownBy(() -> jdbc(stream().writeStream(), "t", dir.resolve("cp-none"))
                .option("isolationLevel", "NONE").start()).hasMessageContaining("cannot be NONE");
    }
}
