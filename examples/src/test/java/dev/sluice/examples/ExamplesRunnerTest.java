package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code run all} as CI runs it, asserting each case's final output. */
class ExamplesRunnerTest {
    private static String run(String name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ExamplesRunner.runCases(name, new PrintStream(bytes, true, StandardCharsets.UTF_8), null);
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String allOutput;

    /** {@code run all} once for the whole class: it starts a Kafka broker. */
    private static synchronized String runAll() throws Exception {
        if (allOutput == null) {
            allOutput = run("all");
        }
        return allOutput;
    }

    @Test
    void runAllEndsWithTheCumulativeBolsaTable() throws Exception {
        String output = runAll();
        assertThat(output).contains("=== bolsa-batch").contains("=== kafka-notifications");
        assertThat(output).endsWith("""
                +-------------------+-------------------+-------+------+----+
                |start              |end                |Compras|Ventas|Neto|
                +-------------------+-------------------+-------+------+----+
                |2022-05-09 10:00:00|2022-05-09 10:15:00|800    |0     |800 |
                |2022-05-09 10:15:00|2022-05-09 10:30:00|1600   |400   |1200|
                |2022-05-09 10:30:00|2022-05-09 10:45:00|2500   |400   |2100|
                |2022-05-09 10:45:00|2022-05-09 11:00:00|2500   |1100  |1400|
                +-------------------+-------------------+-------+------+----+
                """);
    }

    @Test
    void kafkaNotificationsCarryLoyaltyPointsKeyedByInvoice() throws Exception {
        String output = runAll();
        assertThat(output).contains("""
                topic notificaciones (key -> value):
                51402977 -> {"CustomerCardNo":"4629185211","TotalAmount":11114.0,"EarnedLoyaltyPoints":2222.8}
                51402978 -> {"CustomerCardNo":"2762345282","TotalAmount":8272.0,"EarnedLoyaltyPoints":1654.4}
                51402979 -> {"CustomerCardNo":"2599848717","TotalAmount":3374.0,"EarnedLoyaltyPoints":674.8000000000001}
                """);
    }

    @Test
    void bolsaStreamPrintsTheCompleteTableThenTheCumulativeTotalsFromParquet() throws Exception {
        String output = runAll();
        assertThat(output).contains("""
                -------------------------------------------
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
                """);
        assertThat(output).contains("windows written so far: 1");
    }

    @Test
    void unknownCaseIsReported() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ExamplesRunner.runCases("nope", new PrintStream(bytes, true, StandardCharsets.UTF_8), null)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Unknown case 'nope'").contains("bolsa-batch");
    }
}
