package dev.sluice.connectors.socket;

import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Case 1 over real TCP: lines typed into a line server (netcat in the tutorial), split into words
 * with {@code split} + {@code explode}, counted with {@code groupBy("palabra").count()}, in complete and update
 * mode, with the exact output of every batch.
 */
class SocketWordCountTest extends SocketTestSupport {
    private Dataset<Row> wordCounts() {
        Dataset<Row> lineasDF = socketLines();
        Dataset<Row> palabrasDF = lineasDF.select(explode(split(lineasDF.col("value"), " ")).alias("palabra"));
        return palabrasDF.groupBy("palabra").count();
    }

    private static String wordCount(Row r) {
        return r.getString(0) + "=" + r.getLong(1);
    }

    @Test
    void completeModeOutputsTheWholeCountTableEveryBatch() throws Exception {
        BatchRecorder out = new BatchRecorder();
        StreamingQuery q = out.start(wordCounts(), "complete", null, SocketWordCountTest::wordCount);
        awaitConnected(1);
        step(q, 0, "Hola Mundo");
        step(q, 1, "Hola desde el Severo");
        step(q, 2, "Severo Ochoa y el Mundo", "adios");
        assertThat(out.batch(0)).containsExactly("Hola=1", "Mundo=1");
        assertThat(out.batch(1)).containsExactly("Hola=2", "Mundo=1", "Severo=1", "desde=1", "el=1");
        assertThat(out.batch(2)).containsExactly("Hola=2", "Mundo=2", "Ochoa=1", "Severo=2", "adios=1", "desde=1",
                "el=2", "y=1");
        assertThat(out.batches).hasSize(3);
    }

    @Test
    void updateModeOutputsOnlyTheWordsEachBatchChanged() throws Exception {
        BatchRecorder out = new BatchRecorder();
        StreamingQuery q = out.start(wordCounts(), "update", null, SocketWordCountTest::wordCount);
        awaitConnected(1);
        step(q, 0, "Hola Mundo");
        step(q, 1, "Hola desde el Severo");
        step(q, 2, "Severo Ochoa y el Mundo");
        assertThat(out.batch(0)).containsExactly("Hola=1", "Mundo=1");
        assertThat(out.batch(1)).containsExactly("Hola=2", "Severo=1", "desde=1", "el=1");
        assertThat(out.batch(2)).containsExactly("Mundo=2", "Ochoa=1", "Severo=2", "el=2", "y=1");
    }

    @Test
    void consoleSinkPrintsEachBatchAsTheTutorialShows() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            StreamingQuery q = wordCounts().writeStream().format("console").outputMode("complete").start();
            awaitConnected(1);
            step(q, 0, "Hola Mundo");
            step(q, 1, "Hola desde el Severo");
            q.stop();
        } finally {
            System.setOut(original);
        }
        // The engine's row order within a table is its hash order (Spark's is its own): rows are compared sorted
        // as text lines, so right-aligned cells sort shorter words first.
        assertThat(sortedTableRows(captured.toString(StandardCharsets.UTF_8))).isEqualTo("""
                -------------------------------------------
                Batch: 0
                -------------------------------------------
                +-------+-----+
                |palabra|count|
                +-------+-----+
                |   Hola|    1|
                |  Mundo|    1|
                +-------+-----+

                -------------------------------------------
                Batch: 1
                -------------------------------------------
                +-------+-----+
                |palabra|count|
                +-------+-----+
                |     el|    1|
                |   Hola|    2|
                |  Mundo|    1|
                |  desde|    1|
                | Severo|    1|
                +-------+-----+

                """);
    }

    /** {@code text} with the body rows of each table sorted (frame, header and widths untouched). */
    private static String sortedTableRows(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        List<String> body = new ArrayList<>();
        int borders = 0;
        for (String line : lines) {
            if (line.startsWith("+")) {
                borders++;
                if (borders % 3 == 0) {
                    body.sort(null);
                    out.addAll(body);
                    body.clear();
                }
                out.add(line);
            } else if (line.startsWith("|") && borders % 3 == 2) {
                body.add(line);
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }
}
