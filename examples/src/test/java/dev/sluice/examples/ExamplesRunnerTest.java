package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run all} as CI runs it (once for the class: it starts a Kafka broker and, with the JDBC connector, a
 * MariaDB), asserting each case's final output: the console tables, the files and topics written.
 */
class ExamplesRunnerTest {
    private static String allOutput;

    @BeforeAll
    static void runAll() throws Exception {
        allOutput = RunnerOutput.run("all", ExampleContext.Options.defaults());
    }

    private static String section(String caseName) {
        return RunnerOutput.section(allOutput, caseName);
    }

    @Test
    void everyCaseRunsInTutorialOrder() {
        List<String> names = ExamplesRunner.cases().stream().map(TutorialCase::name).toList();
        int from = 0;
        for (String name : names) {
            int at = allOutput.indexOf("=== " + name + ": ", from);
            assertThat(at).as("section of " + name).isGreaterThanOrEqualTo(from);
            from = at;
        }
    }

    @Test
    void invoiceFilesDeleteEachFileAndExplodeTheTutorialsInvoiceIntoFourDocuments() {
        String out = section("invoice-files");
        int items = TutorialData.lineItems(InvoiceFiles.invoiceFiles().get(0));
        int allItems = InvoiceFiles.invoiceFiles().stream().mapToInt(TutorialData::lineItems).sum();
        // Activity 2 asks the reader to delete each file once loaded (cleanSource=delete).
        assertThat(out).contains("""
                  salida: %d line items
                dropped facturas-2.json (5 invoices) into entrada
                """.formatted(items));
        assertThat(out).contains("  salida: " + allItems + " line items");
        assertThat(out).contains(TUTORIAL_INVOICE_LINE_ITEMS);
        assertThat(out).contains("== Physical Plan ==").contains("Generate explode(InvoiceLineItems)");
        // The full progress documents, with the field names and layout of Spark's prettyJson; the file source
        // reports no latest offset and the file sink no row count (Spark 4.1 prints null and -1).
        String progress = out.substring(out.indexOf("facturaWriterQuery.recentProgress:"));
        assertThat(progress).contains("  \"name\" : \"Facturas Writer\",\n").contains("  \"batchId\" : 0,\n")
                .contains("  \"numInputRows\" : 5,\n").contains("    \"latestOffset\" : null,\n")
                .contains("    \"numOutputRows\" : -1\n").contains("facturaWriterQuery.lastProgress:\n{\n");
    }

    @Test
    void anInvoiceNumberIsTheSameInvoiceInEveryCase() {
        // Every line item document printed for an invoice number (Cases 2 and 3, activity 3) is the same.
        java.util.Map<String, String> byKey = new java.util.HashMap<>();
        allOutput.lines().filter(l -> l.startsWith("{\"InvoiceNumber\":")).forEach(line -> {
            String key = line.substring(0, line.indexOf(",\"CreatedTime\"")) + line.substring(line.indexOf("\"ItemCode\""),
                    line.indexOf(",\"ItemDescription\""));
            assertThat(byKey.putIfAbsent(key, line)).as(key).isIn(null, line);
        });
        // The notifications carry the card and total of the invoice with that number.
        for (String invoice : TutorialData.invoices(0, 3)) {
            String number = invoice.substring(18, 26);
            String card = invoice.replaceAll(".*\"CustomerCardNo\":\"(\\d+)\".*", "$1");
            String total = invoice.replaceAll(".*\"TotalAmount\":([0-9.]+),.*", "$1");
            assertThat(allOutput).contains(number + " -> {\"CustomerCardNo\":\"" + card + "\",\"TotalAmount\":" + total
                    + ",");
        }
        assertThat(TutorialData.invoice(0)).isEqualTo(TutorialData.FIRST_INVOICE);
    }

    @Test
    void noLibraryPrintsIntoTheCasesOutput() {
        assertThat(allOutput).doesNotContain("Standard Commons Logging discovery");
    }

    /** The four documents the tutorial shows for its invoice 51402977 (Cases 2 and 3). */
    static final String TUTORIAL_INVOICE_LINE_ITEMS = """
            {"InvoiceNumber":"51402977","CreatedTime":1595688900348,"StoreID":"STR7188","PosID":"POS956","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","ItemCode":"458","ItemDescription":"Wine glass","ItemPrice":1644.0,"ItemQty":2,"TotalValue":3288.0}
            {"InvoiceNumber":"51402977","CreatedTime":1595688900348,"StoreID":"STR7188","PosID":"POS956","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","ItemCode":"283","ItemDescription":"Portable Lamps","ItemPrice":2236.0,"ItemQty":1,"TotalValue":2236.0}
            {"InvoiceNumber":"51402977","CreatedTime":1595688900348,"StoreID":"STR7188","PosID":"POS956","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","ItemCode":"498","ItemDescription":"Carving knifes","ItemPrice":1424.0,"ItemQty":2,"TotalValue":2848.0}
            {"InvoiceNumber":"51402977","CreatedTime":1595688900348,"StoreID":"STR7188","PosID":"POS956","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","ItemCode":"523","ItemDescription":"Oil-lamp clock","ItemPrice":1371.0,"ItemQty":2,"TotalValue":2742.0}
            """;

    private static final String NOTIFICATIONS = """
            51402977 -> {"CustomerCardNo":"4629185211","TotalAmount":11114.0,"EarnedLoyaltyPoints":2222.8}
            51402978 -> {"CustomerCardNo":"2762345282","TotalAmount":8272.0,"EarnedLoyaltyPoints":1654.4}
            51402979 -> {"CustomerCardNo":"2599848717","TotalAmount":3374.0,"EarnedLoyaltyPoints":674.8000000000001}
            """;

    @Test
    void kafkaToFilesWritesTheTutorialsFourDocuments() {
        assertThat(section("kafka-files")).endsWith("salida:\n" + TUTORIAL_INVOICE_LINE_ITEMS);
    }

    @Test
    void kafkaNotificationsCarryLoyaltyPointsKeyedByInvoice() {
        assertThat(section("kafka-notifications")).endsWith("topic notificaciones (key -> value):\n" + NOTIFICATIONS);
    }

    @Test
    void oneReaderFeedsBothWritersAndAwaitAnyTerminationReturnsWhenOneStops() {
        String out = section("one-reader-two-writers");
        assertThat(out).contains("""
                two queries active: 2
                main thread: spark.streams().awaitAnyTermination()
                """);
        assertThat(out).contains("""
                stopping the notifications writer
                awaitAnyTermination returned; still active: 1
                salida (Case 3 writer):
                """);
        // Invoice 51402977 has the tutorial's four line items, 51402978 and 51402979 one each.
        assertThat(out.lines().filter(l -> l.startsWith("{\"InvoiceNumber\":\"5140297")).count()).isEqualTo(6);
        assertThat(out).endsWith(NOTIFICATIONS);
    }

    @Test
    void bizumsShowTheHighestBizumPerPersonWhateverTheCapitalisation() {
        assertThat(section("bizums")).endsWith("""
                -------------------------------------------
                Batch: 2
                -------------------------------------------
                +------+------+
                |Nombre|Maximo|
                +------+------+
                | Aitor|    60|
                | Laura|    40|
                | Marta|    12|
                | Pedro|    80|
                +------+------+

                """);
        assertThat(RunnerOutput.batchRows(section("bizums"), 1).stream().map(RunnerOutput::cells))
                .containsExactly("Aitor,60", "Laura,40", "Pedro,10");
    }

    @Test
    void bolsaStreamReprintsTheWholeTableInCompleteModeThenTheCumulativeTotalsFromParquet() {
        String out = section("bolsa-stream");
        String batch0 = """
                Batch: 0
                -------------------------------------------
                +-------------------+-------------------+-------+------+
                |              start|                end|Compras|Ventas|
                +-------------------+-------------------+-------+------+
                |2022-05-09 10:00:00|2022-05-09 10:15:00|    800|     0|
                |2022-05-09 10:15:00|2022-05-09 10:30:00|    800|   400|
                |2022-05-09 10:30:00|2022-05-09 10:45:00|    900|     0|
                |2022-05-09 10:45:00|2022-05-09 11:00:00|      0|   700|
                +-------------------+-------------------+-------+------+
                """;
        assertThat(out).contains(batch0);
        // The BUY of 200 at 10:55 changes one window; complete mode prints all four again.
        assertThat(out).contains(batch0.replace("Batch: 0", "Batch: 1")
                .replace("|2022-05-09 11:00:00|      0|", "|2022-05-09 11:00:00|    200|"));
        assertThat(out).contains("windows written so far: 1");
        // The tutorial's read-back table: batch 0's windows (ordered: the tutorial's own order is that of its
        // files), then show()'s empty line.
        assertThat(out).contains("show() (the tutorial's show() lists the rows in the order its files were read):\n"
                + batch0.substring(batch0.indexOf("+-")) + "\n");
        // show() ends with an empty line, as Spark's println(showString(...)).
        assertThat(out).endsWith(CUMULATIVE_TOTALS + "\nNote: the tutorial prints the 10:30-10:45 row as 1600 / 1100 /"
                + " 500, a misprint: the running sums of its own read-back table are 2500 / 400 / 2100, which is"
                + " what Spark computes.\n");
    }

    private static final String CUMULATIVE_TOTALS = """
            +-------------------+-------------------+-------+------+----+
            |start              |end                |Compras|Ventas|Neto|
            +-------------------+-------------------+-------+------+----+
            |2022-05-09 10:00:00|2022-05-09 10:15:00|800    |0     |800 |
            |2022-05-09 10:15:00|2022-05-09 10:30:00|1600   |400   |1200|
            |2022-05-09 10:30:00|2022-05-09 10:45:00|2500   |400   |2100|
            |2022-05-09 10:45:00|2022-05-09 11:00:00|2500   |1100  |1400|
            +-------------------+-------------------+-------+------+----+
            """;

    @Test
    void bolsaBatchEndsWithTheCumulativeTotals() {
        assertThat(section("bolsa-batch")).endsWith(CUMULATIVE_TOTALS + "\n");
    }

    /** The rows one way of dropping duplicates printed (all batches), and its state at the end. */
    private static void assertDeduplicated(String title, String name, String endOfState, String... rows) {
        String out = RunnerOutput.between(section("deduplication"), "--- " + title, "--- " + name + ":");
        assertThat(RunnerOutput.tableRows(out).stream().map(RunnerOutput::cells)).containsExactly(rows);
        assertThat(section("deduplication")).contains("--- " + name + ": " + endOfState);
    }

    @Test
    void dropDuplicatesWithoutWatermarkKeepsEveryKeyAndLetsLateEventsThrough() {
        assertDeduplicated("Without watermark", "sin-marca", "keys kept in state at the end: 5, late rows dropped: 0",
                "1,2022-05-09 10:00:00,10", "2,2022-05-09 10:01:00,20", "3,2022-05-09 10:05:00,30",
                "4,2022-05-09 10:30:00,40", "5,2022-05-09 10:06:00,50");
    }

    @Test
    void dropDuplicatesWithWatermarkKeysOnIdAndTimeAndDropsLateEvents() {
        assertDeduplicated("With watermark", "con-marca", "keys kept in state at the end: 1, late rows dropped: 2",
                "1,2022-05-09 10:00:00,10", "2,2022-05-09 10:01:00,20", "3,2022-05-09 10:05:00,30",
                "1,2022-05-09 10:02:00,10", "4,2022-05-09 10:30:00,40");
    }

    @Test
    void dropDuplicatesWithinWatermarkKeysOnIdAloneAndDropsLateEvents() {
        assertDeduplicated("Within watermark", "dentro-marca", "keys kept in state at the end: 1, late rows dropped: 2",
                "1,2022-05-09 10:00:00,10", "2,2022-05-09 10:01:00,20", "3,2022-05-09 10:05:00,30",
                "4,2022-05-09 10:30:00,40");
    }

    @Test
    void wordCountInCompleteModePrintsEveryWordAndInUpdateModeOnlyTheChangedOnes() {
        String out = section("word-count");
        String complete = RunnerOutput.between(out, "--- outputMode(\"complete\")", "--- outputMode(\"update\")");
        assertThat(RunnerOutput.batchRows(complete, 0).stream().map(RunnerOutput::cells))
                .containsExactlyInAnyOrder("Spark,1", "en,1", "el,1", "Severo,1", "Ochoa,1");
        assertThat(RunnerOutput.batchRows(complete, 1).stream().map(RunnerOutput::cells))
                .containsExactlyInAnyOrder("Spark,1", "en,2", "el,1", "Severo,2", "Ochoa,2", "El,1", "está,1",
                        "Elche,1");
        String update = out.substring(out.indexOf("--- outputMode(\"update\")"));
        assertThat(RunnerOutput.batchRows(update, 1).stream().map(RunnerOutput::cells))
                .containsExactlyInAnyOrder("en,2", "Severo,2", "Ochoa,2", "El,1", "está,1", "Elche,1");
        // The tutorial's append attempt, in Spark 4.1.1's words (error-conditions.json, UnsupportedOperationChecker).
        assertThat(out).contains("--- outputMode(\"append\")\n").endsWith("""
                AnalysisException: [STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: append.\
                 This output mode is not supported for streaming aggregations without watermark on streaming\
                 DataFrames/DataSets. SQLSTATE: 42KDE
                """);
    }

    @Test
    void tumblingWindowsCountEachWordOnceAndSlidingWindowsTwice() {
        String out = section("windows");
        String tumbling = RunnerOutput.between(out, "--- tumbling", "--- sliding");
        assertThat(WindowRows.countsPerWord(RunnerOutput.batchRows(tumbling, 1), 2))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Hola", 2L, "Mundo", 1L, "desde", 1L, "el", 1L,
                        "Severo", 1L));
        String sliding = out.substring(out.indexOf("--- sliding"));
        assertThat(WindowRows.countsPerWord(RunnerOutput.batchRows(sliding, 2), 2))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Hola", 4L, "Mundo", 4L, "Severo", 4L,
                        "Ochoa", 4L, "desde", 2L, "el", 2L));
    }

    @Test
    void wordsTypedAfterTheWaitLandInNewWindowsAsTheTutorialShows() {
        String out = section("windows");
        String tumbling = RunnerOutput.between(out, "--- tumbling", "--- sliding");
        // The tutorial's tumbling Batch: 3 (Sluice's batch 2): the last line's words are counted in a new window.
        assertThat(WindowRows.countsPerWindow(RunnerOutput.batchRows(tumbling, 2))).containsExactly(
                java.util.Map.of("Hola", 2L, "Mundo", 1L, "desde", 1L, "el", 1L, "Severo", 1L),
                java.util.Map.of("Mundo", 1L, "Ochoa", 1L, "Severo", 1L, "el", 1L, "y", 1L));
        String sliding = out.substring(out.indexOf("--- sliding"));
        // The tutorial's sliding Batch: 5 (Sluice's batch 4), after "Segunda ventana" and "Segunda ventana Ochoa".
        assertThat(WindowRows.countsPerWindow(RunnerOutput.batchRows(sliding, 4))).containsExactly(
                java.util.Map.of("Ochoa", 2L, "el", 1L, "Severo", 2L, "Mundo", 2L, "Hola", 2L, "desde", 1L),
                java.util.Map.of("Segunda", 2L, "Severo", 2L, "desde", 1L, "el", 1L, "Hola", 2L, "Ochoa", 3L,
                        "ventana", 2L, "Mundo", 2L),
                java.util.Map.of("ventana", 2L, "Ochoa", 1L, "Segunda", 2L));
    }

    @Test
    void kafkaLoginsJoinUsuariosAndTheUpsertMovesUltimoLogin() {
        String out = section("kafka-join-mariadb");
        String console = RunnerOutput.between(out, "producing to", "upsert of ultimoLogin");
        assertThat(RunnerOutput.batchRows(console, 0).stream().map(RunnerOutput::cells))
                .containsExactly("1,Aitor Medrano,2022-05-17 12:15:00,2022-05-13 13:36:58");
        // The three later logins are one batch whatever the timing (Trigger.AvailableNow); user 5 never joins.
        assertThat(RunnerOutput.batchRows(console, 1).stream().map(RunnerOutput::cells))
                .containsExactlyInAnyOrder("3,Laura García,2022-05-18 12:15:00,2022-05-15 13:56:58",
                        "2,Pedro Casas,2022-05-19 12:15:00,2022-05-14 13:46:58");
        assertThat(console).doesNotContain("Batch: 2");
        String after = out.substring(out.indexOf("usuarios after:"));
        assertThat(RunnerOutput.tableRows(after).stream().map(RunnerOutput::cells)).containsExactly(
                "1,Aitor Medrano,2022-05-17 12:15:00", "2,Pedro Casas,2022-05-19 12:15:00",
                "3,Laura García,2022-05-18 12:15:00", "4,Mª Josep Vidal,2022-05-16 14:06:58");
    }

    @Test
    void loginWindowsAreEmittedOnceTheWatermarkPassesAndTheirStateIsCleaned() {
        String out = section("login-windows");
        assertThat(out).contains("watermark 2022-05-17T11:55:00.000Z, windows in state: 2, late logins dropped so far: 0")
                .contains("watermark 2022-05-17T12:25:00.000Z, windows in state: 2, late logins dropped so far: 0")
                .contains("watermark 2022-05-17T12:55:00.000Z, windows in state: 1, late logins dropped so far: 1");
        // Append mode: the rows of one batch come in no particular order.
        assertThat(RunnerOutput.tableRows(out).stream().map(RunnerOutput::cells)).containsExactlyInAnyOrder(
                "2022-05-17 12:00:00,2022-05-17 12:15:00,1,Aitor Medrano,2,2022-05-17 12:05:00",
                "2022-05-17 12:00:00,2022-05-17 12:15:00,2,Pedro Casas,1,2022-05-17 12:10:00",
                "2022-05-17 12:15:00,2022-05-17 12:30:00,3,Laura García,1,2022-05-17 12:20:00",
                "2022-05-17 12:30:00,2022-05-17 12:45:00,1,Aitor Medrano,1,2022-05-17 12:40:00");
    }

    @Test
    void unknownCaseIsReported() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ExampleContext context = new ExampleContext(out, ExampleContext.Options.defaults())) {
            assertThat(ExamplesRunner.runCases("nope", context)).isEqualTo(2);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Unknown case 'nope'").contains("bolsa-batch");
    }
}
