package dev.sluice.benchmarks;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.json.JsonFormat;
import dev.sluice.sql.types.StructType;
import dev.sluice.testkit.TutorialInvoices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JSON Lines parsing into chunks through the JSON format's reader, the code the file source and
 * {@code read().json(...)} run per file ({@link JsonFormat#open(java.io.InputStream, String, StructType,
 * FormatOptions)} with a user schema and default options, i.e. PERMISSIVE mode as Spark). One invocation
 * parses {@value #INVOICES} tutorial invoices ({@link TutorialInvoices#jsonLines}: 666 bytes on average,
 * half of them with a {@code DeliveryAddress} struct, one to four {@code InvoiceLineItems}) held
 * in memory, so no disk is involved: the cost is UTF-8 decoding, Jackson tokenizing and the appends into
 * column vectors. ops/s = documents (rows) per second; the secondary result {@code bytes} is input bytes per
 * second.
 *
 * <p>{@code schema}: {@code nested} = the tutorial's declared schema (Cases 3-4: 14 scalar columns, the
 * address struct, the array of line-item structs); {@code flat} = the same bytes read with 9 top-level scalar
 * columns only, so the parser skips the nested values. The difference is the price of building the nested
 * vectors.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class JsonParseBenchmark {
    /** Documents per invocation. */
    static final int INVOICES = 10_000;

    /** The schema the tutorial declares for its invoices (Cases 3-4). */
    static final StructType TUTORIAL_SCHEMA = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT,"
            + " StoreID STRING, PosID STRING, CashierID STRING, CustomerType STRING, CustomerCardNo STRING,"
            + " TotalAmount DOUBLE, NumberOfItems INT, PaymentMethod STRING, CGST DOUBLE, SGST DOUBLE, CESS DOUBLE,"
            + " DeliveryType STRING, DeliveryAddress STRUCT<AddressLine: STRING, City: STRING, State: STRING,"
            + " PinCode: STRING, ContactNumber: STRING>, InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING,"
            + " ItemDescription: STRING, ItemPrice: DOUBLE, ItemQty: INT, TotalValue: DOUBLE>>");

    /** {@code nested}: the tutorial schema; {@code flat}: top-level scalar columns only. */
    @Param({"nested", "flat"})
    public String schema;

    private final JsonFormat format = new JsonFormat();
    private final FormatOptions options = FormatOptions.empty();
    private StructType readSchema;
    private byte[] input;

    /** Input bytes consumed, reported by JMH as a rate next to the rows/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** The tutorial's invoices of {@code count} documents as UTF-8 JSON Lines; shared with the Parquet benchmark. */
    static byte[] invoiceLines(int count) {
        return TutorialInvoices.jsonLines(count, BenchmarkData.SEED).getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        readSchema = schema.equals("nested") ? TUTORIAL_SCHEMA : JsonToParquetBenchmark.SCHEMA;
        input = invoiceLines(INVOICES);
        check(parseAll(format, input, readSchema, options), readSchema);
        System.out.printf("%n[%s] %,d documents, %,d bytes (%.0f bytes/document)%n", schema, INVOICES, input.length,
                (double) input.length / INVOICES);
    }

    /** Parses {@code bytes} completely; the chunks a file source would hand to the query. */
    static List<Chunk> parseAll(JsonFormat format, byte[] bytes, StructType schema, FormatOptions options) {
        ChunkReader reader = format.open(new ByteArrayInputStream(bytes), "invoices.json", schema, options);
        return reader.readAll();
    }

    /**
     * Fails unless {@code chunks} hold exactly {@value #INVOICES} rows of {@code schema} whose first invoice
     * is the tutorial's sample (number and, for the nested schema, its four line items), so a reader that
     * drops or mangles records cannot report a rate.
     */
    static void check(List<Chunk> chunks, StructType schema) {
        long rows = 0;
        for (Chunk chunk : chunks) {
            if (chunk.columnCount() != schema.size()) {
                throw new IllegalStateException("expected " + schema.size() + " columns, got " + chunk.columnCount());
            }
            rows += chunk.rowCount();
        }
        if (rows != INVOICES) {
            throw new IllegalStateException("expected " + INVOICES + " parsed rows, got " + rows);
        }
        Chunk first = chunks.get(0);
        String number = first.column(schema.fieldIndex("InvoiceNumber")).getString(0);
        if (!"51402977".equals(number)) {
            throw new IllegalStateException("first InvoiceNumber is " + number + ", expected 51402977");
        }
        if (schema.size() == TUTORIAL_SCHEMA.size()) {
            List<?> items = (List<?>) first.column(schema.fieldIndex("InvoiceLineItems")).getObject(0);
            if (items == null || items.size() != 4) {
                throw new IllegalStateException("first invoice's line items: " + items + ", expected 4");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(INVOICES)
    public void parse(Bytes counter, Blackhole blackhole) throws IOException {
        try (ChunkReader reader = format.open(new ByteArrayInputStream(input), "invoices.json", readSchema, options)) {
            for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                blackhole.consume(chunk);
            }
        }
        counter.bytes += input.length;
    }
}
