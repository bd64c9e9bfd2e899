package dev.sluice.benchmarks;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.LongVector;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.json.JsonFormat;
import dev.sluice.connectors.parquet.ParquetFormat;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parquet writing through the Parquet format's writer ({@link ParquetFormat#create}, the code
 * {@code write().parquet(...)} and the file sink run per output file) with the default codec, snappy, as
 * Spark. One invocation writes {@value #ROWS} rows, already in chunks, into one new file in a temp folder on
 * the local disk (Hadoop's local file system, as for a {@code file:} path) and closes it, which writes the
 * footer; no fsync. The file is deleted outside the measured time. ops/s = rows/s.
 *
 * <p>{@code shape}: {@code flat} = {@code (id bigint, amount double, name string, ts timestamp)} in 4,096-row
 * chunks from a fixed seed ({@code name} drawn from 1,000 strings of ~20 characters, so dictionary encoding
 * applies as with real data); {@code nested} = the tutorial's invoices in the tutorial's schema (14 scalar
 * columns, a struct, an array of structs; {@link JsonParseBenchmark#TUTORIAL_SCHEMA}), parsed once in setup.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class ParquetWriteBenchmark {
    /** Rows per invocation: 16 chunks of 4,096 rows for {@code flat}, as many invoices for {@code nested}. */
    static final int ROWS = 4096 * 16;

    /** Schema of the {@code flat} shape. */
    static final StructType FLAT_SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("amount", DataTypes.DoubleType, false)
            .add("name", DataTypes.StringType, false)
            .add("ts", DataTypes.TimestampType, false);

    /** {@code flat}: {@link #FLAT_SCHEMA} rows; {@code nested}: tutorial invoices. */
    @Param({"flat", "nested"})
    public String shape;

    private final ParquetFormat format = new ParquetFormat();
    private final FormatOptions options = FormatOptions.empty();
    private StructType schema;
    private List<Chunk> chunks;
    private Path folder;
    private org.apache.hadoop.fs.Path target;
    private int fileNumber;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (shape.equals("flat")) {
            schema = FLAT_SCHEMA;
            chunks = flatChunks();
        } else {
            schema = JsonParseBenchmark.TUTORIAL_SCHEMA;
            chunks = JsonParseBenchmark.parseAll(new JsonFormat(), JsonParseBenchmark.invoiceLines(ROWS), schema,
                    options);
        }
        folder = Files.createTempDirectory("sluice-parquet-bench-");
        nextTarget();
        write();
        check();
    }

    /** {@code (id, amount, name, ts)}: ids 0.., amounts uniform, names from a pool, timestamps one ms apart. */
    private static List<Chunk> flatChunks() {
        Random random = new Random(BenchmarkData.SEED);
        String[] names = new String[1_000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "customer-" + Long.toHexString(random.nextLong());
        }
        int rowsPerChunk = BenchmarkData.ROWS_PER_CHUNK;
        List<Chunk> out = new ArrayList<>();
        for (int start = 0; start < ROWS; start += rowsPerChunk) {
            long[] ids = new long[rowsPerChunk];
            double[] amounts = new double[rowsPerChunk];
            long[] times = new long[rowsPerChunk];
            ColumnVector name = ColumnVector.allocate(DataTypes.StringType, rowsPerChunk);
            for (int i = 0; i < rowsPerChunk; i++) {
                ids[i] = start + i;
                amounts[i] = random.nextInt(1_000_000) / 100.0;
                times[i] = BenchmarkData.EVENT_TIME_START_MICROS + (start + i) * 1_000L;
                name.appendString(names[random.nextInt(names.length)]);
            }
            out.add(new Chunk(rowsPerChunk, LongVector.wrap(DataTypes.LongType, ids, rowsPerChunk, null),
                    DoubleVector.wrap(amounts, rowsPerChunk, null), name,
                    LongVector.wrap(DataTypes.TimestampType, times, rowsPerChunk, null)));
        }
        return out;
    }

    /**
     * Reads back the file of the setup's write: {@value #ROWS} rows, and the last row's first column as
     * written (the id for {@code flat}, the invoice number for {@code nested}), so a writer that loses rows
     * or garbles values cannot report a rate.
     */
    private void check() throws IOException {
        List<Chunk> read;
        try (ChunkReader reader = format.open(target, schema, options)) {
            read = reader.readAll();
        }
        long rows = read.stream().mapToLong(Chunk::rowCount).sum();
        if (rows != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows in " + target + ", read " + rows);
        }
        Chunk lastWritten = chunks.get(chunks.size() - 1);
        Chunk lastRead = read.get(read.size() - 1);
        Object expected = lastWritten.column(0).getObject(lastWritten.rowCount() - 1);
        Object actual = lastRead.column(0).getObject(lastRead.rowCount() - 1);
        if (!expected.equals(actual)) {
            throw new IllegalStateException("last row of " + target + " reads " + actual + ", wrote " + expected);
        }
        System.out.printf("%n[%s] %,d rows, %,d bytes per file%n", shape, rows,
                Files.size(folder.resolve(target.getName())));
    }

    /** Deletes the previous file (with Hadoop's {@code .crc} side file) and names a new one, unmeasured. */
    @Setup(Level.Invocation)
    public void nextTarget() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        target = FileAccess.path(folder.resolve("part-" + fileNumber++ + format.extension(options)));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public org.apache.hadoop.fs.Path write() throws IOException {
        try (ChunkWriter writer = format.create(target, schema, options)) {
            for (Chunk chunk : chunks) {
                writer.write(chunk);
            }
        }
        return target;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
