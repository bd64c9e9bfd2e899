package dev.sluice.benchmarks;

import static dev.sluice.sql.functions.col;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * End-to-end file throughput: JSON lines → parse (with a schema) → filter/project → Parquet (snappy), as a
 * batch job. Prints rows/s and input MB/s of the best of three runs. Not JMH: one job is the unit. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.JsonToParquetBenchmark [rows]}.
 */
public final class JsonToParquetBenchmark {
    static final StructType SCHEMA = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT, StoreID STRING,"
            + " PosID STRING, CustomerType STRING, TotalAmount DOUBLE, NumberOfItems INT, PaymentMethod STRING,"
            + " DeliveryType STRING");

    private JsonToParquetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("sluice-json-parquet-");
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        Path file = input.resolve("invoices.json");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                out.write("{\"InvoiceNumber\":\"" + (51_000_000 + i) + "\",\"CreatedTime\":" + (1_595_688_900_348L + i)
                        + ",\"StoreID\":\"STR" + (i % 50) + "\",\"PosID\":\"POS" + (i % 900) + "\",\"CustomerType\":\""
                        + (i % 3 == 0 ? "PRIME" : "NONPRIME") + "\",\"TotalAmount\":" + (1000.5 + i % 997)
                        + ",\"NumberOfItems\":" + (1 + i % 7) + ",\"PaymentMethod\":\"" + (i % 2 == 0 ? "CARD" : "CASH")
                        + "\",\"DeliveryType\":\"TAKEAWAY\"}\n");
            }
        }
        double megabytes = Files.size(file) / 1e6;
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            Path output = dir.resolve("out-" + run);
            long start = System.nanoTime();
            Dataset<Row> invoices = spark.read().schema(SCHEMA).json(input.toString());
            invoices.filter(col("CustomerType").equalTo("PRIME"))
                    .select(col("InvoiceNumber"), col("StoreID"), col("TotalAmount"), col("CreatedTime"))
                    .write().parquet(output.toString());
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("JSON lines -> parse -> filter/project -> Parquet: %d rows, %.1f MB in %.2f s (best of 3)"
                + " = %.0f rows/s, %.1f MB/s%n", rows, megabytes, best, rows / best, megabytes / best);
        spark.stop();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
