package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.from_json;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sluice's own CPU per invoice in W4's transformation, without Kafka: {@code from_json(CAST(value AS STRING))} →
 * {@code explode} → {@code to_json(named_struct(...))} over {@link KafkaPipelineBenchmark#invoice} UTF-8 bytes held
 * in memory as W4's Kafka records hold them ({@code -Dw4.value=string}: strings, without the cast), on
 * {@code local[1]} (one worker: process CPU time is the work's), the output summed so nothing is pruned. The
 * in-process broker and the Kafka clients of {@link KafkaPipelineBenchmark} add noise that hides the engine's part;
 * this isolates it. Uses only the public API, so the same class runs against an older engine jar
 * ({@code java -cp <dir with this class>:<old jar>}) for before/after pairs. Prints each round's CPU and the median.
 * Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.W4TransformCost [invoices]
 * [rounds]}.
 */
public final class W4TransformCost {
    private W4TransformCost() {
    }

    public static void main(String[] args) {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        SluiceSession spark = Sluice.builder().master("local[1]").getOrCreate();
        // binary values parsed as from_json(CAST(value AS STRING)), as W4 reads Kafka; -Dw4.value=string: the
        // strings themselves (the form of the figures before 2026-12-08 04:40)
        boolean binary = !"string".equals(System.getProperty("w4.value", "binary"));
        List<Row> rows = new ArrayList<>(invoices);
        for (int i = 0; i < invoices; i++) {
            String invoice = KafkaPipelineBenchmark.invoice(i);
            rows.add(RowFactory.create(binary ? invoice.getBytes(StandardCharsets.UTF_8) : invoice));
        }
        Dataset<Row> items = spark.createDataFrame(rows, StructType.fromDDL(binary ? "value BINARY" : "value STRING"))
                .select(from_json(binary ? col("value").cast("string") : col("value"), KafkaPipelineBenchmark.INVOICE)
                        .alias("value"))
                .select(col("value.InvoiceNumber"), col("value.StoreID"), explode(col("value.InvoiceLineItems"))
                        .alias("LineItem"))
                .selectExpr("InvoiceNumber AS key", "to_json(named_struct('StoreID', StoreID, 'ItemCode',"
                        + " LineItem.ItemCode, 'TotalValue', LineItem.TotalValue)) AS value")
                .selectExpr("count(1)", "sum(length(key) + length(value))");
        double[] micros = new double[rounds];
        Object result = null;
        for (int r = 0; r < rounds; r++) {
            long cpu = processCpuNanos();
            result = items.collectAsList().get(0);
            micros[r] = (processCpuNanos() - cpu) / 1e3 / invoices;
            System.out.printf("round %d: %.2f us CPU/invoice%n", r, micros[r]);
        }
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("W4 transform (from_json -> explode -> to_json), %d invoices, result %s: median %.2f us CPU"
                + " per invoice over %d rounds (first round included in the list, JIT warm-up)%n", invoices, result,
                sorted[rounds / 2], rounds);
        spark.stop();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
