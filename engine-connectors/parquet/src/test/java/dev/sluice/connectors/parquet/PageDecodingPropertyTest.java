package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The page-at-a-time read ({@link ParquetPageValues}, {@code ParquetColumnReaders.LeafReader}) gives exactly the
 * vectors of the value-at-a-time read through parquet-mr's column readers and converters, value for value, on random
 * files parquet-mr writes: random schemas (every primitive, nested structs, lists and maps beside them), random
 * nulls, dictionary on or off, dictionaries small enough that the writer falls back to PLAIN mid-chunk, V1 and V2
 * pages (V2 brings DELTA_* and RLE booleans, which hand the rest of their chunk to the column reader),
 * BYTE_STREAM_SPLIT floats, several codecs, page sizes and row groups, projections.
 */
class PageDecodingPropertyTest {

    @Property(tries = 80)
    void pageReadEqualsValueAtATimeRead(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        MessageType schema = new MessageType("spark_schema", VectorizedReadPropertyTest.fields(r, 1 + r.nextInt(6), 0));
        Path dir = Files.createTempDirectory("pages");
        try {
            Path file = dir.resolve("f.parquet");
            int rows = r.nextInt(10) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 600 : 9000);
            write(r, schema, file, rows, r.nextBoolean(), r.nextBoolean(), r.nextInt(3));
            StructType full = ParquetSchemas.toSluice(schema);
            StructType requested = r.nextBoolean() ? full : VectorizedReadPropertyTest.prune(r, full);
            List<String> paged = VectorizedReadPropertyTest.read(file, requested, true, true);
            List<String> valueAtATime = VectorizedReadPropertyTest.read(file, requested, true, false);
            assertThat(paged).hasSize(rows).isEqualTo(valueAtATime);
        } finally {
            delete(dir);
        }
    }

    /** Spark's files (Nexmark's): V1 pages, snappy, dictionary: every page of every supported column decoded whole. */
    /** The hybrid decoder takes its packers from ByteBitPackingLE directly: the very ones Packer.LITTLE_ENDIAN gives. */
    @Example
    void hybridDecodingUsesTheLittleEndianPackersOfPacker() {
        for (int width = 0; width <= 32; width++) {
            assertThat(org.apache.parquet.column.values.bitpacking.ByteBitPackingLE.factory.newBytePacker(width))
                    .isSameAs(org.apache.parquet.column.values.bitpacking.Packer.LITTLE_ENDIAN.newBytePacker(width));
        }
    }

    @Example
    void dictionaryAndPlainV1PagesAreDecodedWhole() throws IOException {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.INT64).named("id")
                .optionalGroup()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
                .optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("ts")
                .optional(PrimitiveTypeName.DOUBLE).named("price")
                .optional(PrimitiveTypeName.INT32).named("n")
                .optional(PrimitiveTypeName.BOOLEAN).named("flag")
                .named("event")
                .named("spark_schema");
        Path dir = Files.createTempDirectory("pages");
        try {
            Path file = dir.resolve("f.parquet");
            write(new Random(7), schema, file, 20_000, true, false, 1);
            long[] stats = pageStats(file, ParquetSchemas.toSluice(schema));
            assertThat(stats[0]).as("pages decoded whole").isGreaterThan(6);
            assertThat(stats[1]).as("column chunks handed to the column reader").isZero();
            StructType requested = ParquetSchemas.toSluice(schema);
            assertThat(VectorizedReadPropertyTest.read(file, requested, true, true))
                    .isEqualTo(VectorizedReadPropertyTest.read(file, requested, true, false));
        } finally {
            delete(dir);
        }
    }

    /** V2 pages without a dictionary: DELTA_BINARY_PACKED ints and RLE booleans go to the column reader. */
    @Example
    void deltaEncodedChunksFallBackToTheColumnReader() throws IOException {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.INT32).named("n")
                .required(PrimitiveTypeName.BOOLEAN).named("flag")
                .optional(PrimitiveTypeName.DOUBLE).named("d")
                .named("spark_schema");
        Path dir = Files.createTempDirectory("pages");
        try {
            Path file = dir.resolve("f.parquet");
            write(new Random(11), schema, file, 5_000, false, true, 0);
            StructType requested = ParquetSchemas.toSluice(schema);
            long[] stats = pageStats(file, requested);
            assertThat(stats[1]).as("column chunks handed to the column reader").isGreaterThan(0);
            assertThat(stats[0]).as("PLAIN double pages decoded whole").isGreaterThan(0);
            assertThat(VectorizedReadPropertyTest.read(file, requested, true, true))
                    .isEqualTo(VectorizedReadPropertyTest.read(file, requested, true, false))
                    .isEqualTo(VectorizedReadPropertyTest.read(file, requested, false, false));
        } finally {
            delete(dir);
        }
    }

    private static long[] pageStats(Path file, StructType requested) throws IOException {
        try (ParquetChunkReader reader = new ParquetChunkReader(FormatOptions.of(Map.of(), java.time.ZoneOffset.UTC)
                .files(), FileAccess.path(file), requested, List.<Filter>of(), true, true)) {
            while (reader.next() != null) {
                // read every chunk
            }
            return reader.pageStats();
        }
    }

    /**
     * Writes {@code rows} random rows; {@code codec} 0 uncompressed, 1 snappy, 2 gzip. Small dictionary pages make
     * the writer fall back from dictionary to PLAIN (V1) or DELTA (V2) encoding within a column chunk.
     */
    private static void write(Random r, MessageType schema, Path file, int rows, boolean dictionary, boolean v2, int codec)
            throws IOException {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new HadoopParquetConfiguration(new Configuration(false))).withType(schema)
                .withDictionaryEncoding(dictionary).withDictionaryPageSize(r.nextBoolean() ? 64 + r.nextInt(512) : 1 << 20)
                .withWriterVersion(v2 ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0)
                .withByteStreamSplitEncoding(r.nextInt(4) == 0)
                .withCompressionCodec(codec == 0 ? CompressionCodecName.UNCOMPRESSED
                        : codec == 1 ? CompressionCodecName.SNAPPY : CompressionCodecName.GZIP)
                .withRowGroupRowCountLimit(50 + r.nextInt(3000))
                .withPageRowCountLimit(10 + r.nextInt(700)).withMinRowCountForPageSizeCheck(1)
                .withPageSize(256 + r.nextInt(8192)).build()) {
            for (int i = 0; i < rows; i++) {
                Group g = new SimpleGroup(schema);
                VectorizedReadPropertyTest.fill(r, g, schema);
                writer.write(g);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
