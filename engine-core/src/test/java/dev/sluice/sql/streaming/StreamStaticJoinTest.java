package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.spi.BatchRows;
import dev.sluice.spi.Scan;
import java.util.Iterator;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stream-static joins: each join type Spark supports (stream on the left; right outer and inner with the
 * static side on the left), the combinations it rejects with its messages, and the static side read once per
 * query run unless a {@link ScanRelation} asks to be re-read every batch.
 */
class StreamStaticJoinTest extends StreamingTestSupport {
    static final StructType LOGINS = new StructType().add("userId", DataTypes.IntegerType)
            .add("device", DataTypes.StringType);
    static final StructType USERS = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);

    /** A static table read through a counting scan, as a JDBC table would be. */
    static final class CountingTable implements Scan {
        final AtomicInteger reads = new AtomicInteger();
        final List<Row> rows = new CopyOnWriteArrayList<>();

        @Override
        public Iterator<Chunk> read() {
            reads.incrementAndGet();
            return JavaValues.toChunks(new ArrayList<>(rows), USERS, ZoneOffset.UTC).iterator();
        }

        @Override
        public String describe() {
            return "counting users table";
        }

        Dataset<Row> toDF(SluiceSession session, boolean rescanEachBatch) {
            return BatchRows.toDataset(session, USERS, this, rescanEachBatch);
        }
    }

    private Dataset<Row> users() {
        return spark.createDataFrame(List.of(RowFactory.create(1, "ana"), RowFactory.create(2, "luis")), USERS);
    }

    /** Runs {@code query} over the given batches of logins; returns each batch's sorted rows by batch id. */
    private Map<Long, List<String>> run(MemoryStream logins, Dataset<Row> query, List<List<Row>> batches) throws Exception {
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = query.writeStream().foreachBatch((Dataset<Row> ds, Long id) -> {
            List<String> rows = sorted(ds.collectAsList());
            out.put(id, rows);
        }).start();
        for (List<Row> batch : batches) {
            logins.addData(batch);
            q.processAllAvailable();
        }
        q.stop();
        return out;
    }

    private static final List<List<Row>> BATCHES = List.of(
            List.of(RowFactory.create(1, "web"), RowFactory.create(3, "app")),
            List.of(RowFactory.create(2, "app"), RowFactory.create(1, "app")));

    @Test
    void innerJoinWithTheStreamOnTheLeft() throws Exception {
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> users = users();
        Dataset<Row> joined = logins.toDF().join(users, col("userId").equalTo(users.col("id")), "inner");
        assertThat(run(logins, joined, BATCHES)).containsExactly(
                Map.entry(0L, List.of("[1,web,1,ana]")),
                Map.entry(1L, List.of("[1,app,1,ana]", "[2,app,2,luis]")));
    }

    @Test
    void innerJoinWithTheStaticSideOnTheLeftWrittenAsAnExpression() throws Exception {
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> joined = users().join(logins.toDF(), expr("id = userId AND device <> 'web'"));
        assertThat(run(logins, joined, BATCHES)).containsExactly(
                Map.entry(0L, List.of()),
                Map.entry(1L, List.of("[1,ana,1,app]", "[2,luis,2,app]")));
    }

    @Test
    void leftOuterJoinPadsUnmatchedStreamRowsWithNulls() throws Exception {
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> users = users();
        Dataset<Row> joined = logins.toDF().join(users, col("userId").equalTo(users.col("id")), "left_outer");
        assertThat(run(logins, joined, BATCHES)).containsExactly(
                Map.entry(0L, List.of("[1,web,1,ana]", "[3,app,null,null]")),
                Map.entry(1L, List.of("[1,app,1,ana]", "[2,app,2,luis]")));
    }

    @Test
    void leftSemiAndLeftAntiKeepOrDropStreamRows() throws Exception {
        for (String type : List.of("left_semi", "left_anti")) {
            MemoryStream logins = MemoryStream.of(spark, LOGINS);
            Dataset<Row> users = users();
            Dataset<Row> joined = logins.toDF().join(users, col("userId").equalTo(users.col("id")), type);
            Map<Long, List<String>> out = run(logins, joined, BATCHES);
            if (type.equals("left_semi")) {
                assertThat(out).as(type).containsExactly(Map.entry(0L, List.of("[1,web]")),
                        Map.entry(1L, List.of("[1,app]", "[2,app]")));
            } else {
                assertThat(out).as(type).containsExactly(Map.entry(0L, List.of("[3,app]")), Map.entry(1L, List.of()));
            }
        }
    }

    @Test
    void aNullSafeKeyMatchesNullStreamRowsWithNullStaticRows() throws Exception {
        Dataset<Row> users = spark.createDataFrame(List.of(RowFactory.create(1, "ana"),
                RowFactory.create(null, "guest")), USERS);
        List<List<Row>> batches = List.of(
                List.of(RowFactory.create(1, "web"), RowFactory.create(null, "app")),
                List.of(RowFactory.create(null, "web"), RowFactory.create(3, "app")));
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> nullSafe = logins.toDF().join(users, col("userId").eqNullSafe(users.col("id")), "left_outer");
        assertThat(run(logins, nullSafe, batches)).containsExactly(
                Map.entry(0L, List.of("[1,web,1,ana]", "[null,app,null,guest]")),
                Map.entry(1L, List.of("[3,app,null,null]", "[null,web,null,guest]")));
        // with `=` the NULL logins never match (the static NULL row neither)
        MemoryStream again = MemoryStream.of(spark, LOGINS);
        Dataset<Row> plain = again.toDF().join(users, expr("userId = id"), "left_outer");
        assertThat(run(again, plain, batches)).containsExactly(
                Map.entry(0L, List.of("[1,web,1,ana]", "[null,app,null,null]")),
                Map.entry(1L, List.of("[3,app,null,null]", "[null,web,null,null]")));
    }

    @Test
    void rightOuterJoinWithTheStaticSideOnTheLeftKeepsEveryStreamRow() throws Exception {
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> users = users();
        Dataset<Row> joined = users.join(logins.toDF(), users.col("id").equalTo(col("userId")), "right_outer");
        assertThat(run(logins, joined, BATCHES)).containsExactly(
                Map.entry(0L, List.of("[1,ana,1,web]", "[null,null,3,app]")),
                Map.entry(1L, List.of("[1,ana,1,app]", "[2,luis,2,app]")));
    }

    private AnalysisException startFails(Dataset<Row> query) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> query.writeStream().format("noop").start());
        assertThat(t).isInstanceOf(AnalysisException.class);
        assertThat(((AnalysisException) t).getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_3102");
        return (AnalysisException) t;
    }

    @Test
    void unsupportedStreamStaticCombinationsAreRejectedWithSparksMessages() {
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> stream = logins.toDF();
        Dataset<Row> users = users();
        var onKeys = col("userId").equalTo(users.col("id"));
        Map<Dataset<Row>, String> rejected = new java.util.LinkedHashMap<>();
        rejected.put(users.join(stream, onKeys, "left_outer"), "LeftOuter join with a streaming DataFrame/Dataset on"
                + " the right and a static DataFrame/Dataset on the left is not supported");
        rejected.put(users.join(stream, onKeys, "left_semi"), "LeftSemi join with a streaming DataFrame/Dataset on"
                + " the right and a static DataFrame/Dataset on the left is not supported");
        rejected.put(users.join(stream, onKeys, "left_anti"), "LeftAnti joins with a streaming DataFrame/Dataset on"
                + " the right are not supported");
        rejected.put(stream.join(users, onKeys, "right_outer"), "RightOuter join with a streaming DataFrame/Dataset"
                + " on the left and a static DataFrame/DataSet on the right not supported");
        rejected.put(stream.join(users, onKeys, "full_outer"), "FullOuter joins with streaming DataFrames/Datasets on"
                + " the left and a static DataFrame/Dataset on the right is not supported");
        rejected.put(users.join(stream, onKeys, "full_outer"), "FullOuter joins with streaming DataFrames/Datasets on"
                + " the right and a static DataFrame/Dataset on the left is not supported");
        rejected.forEach((query, message) -> assertThat(startFails(query).getMessage()).startsWith(message + ";\n"));
    }

    @Test
    void theStaticSideIsReadOncePerQueryRun() throws Exception {
        CountingTable table = new CountingTable();
        table.rows.add(RowFactory.create(1, "ana"));
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> users = table.toDF(spark, false);
        Dataset<Row> joined = logins.toDF().join(users, col("userId").equalTo(users.col("id")));
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = joined.writeStream().foreachBatch((Dataset<Row> ds, Long id) ->
                out.put(id, sorted(ds.collectAsList()))).start();
        logins.addData(RowFactory.create(1, "web"), RowFactory.create(2, "web"));
        q.processAllAvailable();
        table.rows.add(RowFactory.create(2, "luis")); // not seen: the table was read for the first batch
        for (int b = 0; b < 3; b++) {
            logins.addData(RowFactory.create(2, "app" + b));
            q.processAllAvailable();
        }
        assertThat(((dev.sluice.stream.MicroBatchExecution) q).explainString(false))
                .contains("BroadcastHashJoin INNER, static right side read once per run");
        q.stop();
        assertThat(table.reads.get()).isEqualTo(1);
        assertThat(out.get(0L)).containsExactly("[1,web,1,ana]");
        assertThat(out.get(3L)).isEmpty();
    }

    @Test
    void aStaticSideThatRescansEachBatchIsReadAgainForEveryBatch() throws Exception {
        CountingTable table = new CountingTable();
        table.rows.add(RowFactory.create(1, "ana"));
        MemoryStream logins = MemoryStream.of(spark, LOGINS);
        Dataset<Row> users = table.toDF(spark, true);
        Dataset<Row> joined = logins.toDF().join(users, col("userId").equalTo(users.col("id")), "left_outer");
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = joined.writeStream().foreachBatch((Dataset<Row> ds, Long id) ->
                out.put(id, sorted(ds.collectAsList()))).start();
        logins.addData(RowFactory.create(2, "web"));
        q.processAllAvailable();
        table.rows.add(RowFactory.create(2, "luis"));
        logins.addData(RowFactory.create(2, "app"));
        q.processAllAvailable();
        q.stop();
        assertThat(table.reads.get()).isEqualTo(2);
        assertThat(out).containsExactly(Map.entry(0L, List.of("[2,web,null,null]")),
                Map.entry(1L, List.of("[2,app,2,luis]")));
    }
}
