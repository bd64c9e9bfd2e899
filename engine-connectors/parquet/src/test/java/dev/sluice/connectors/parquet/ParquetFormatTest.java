package dev.sluice.connectors.parquet;

import static dev.sluice.connectors.TestRows.chunk;
import static dev.sluice.connectors.TestRows.days;
import static dev.sluice.connectors.TestRows.decimal;
import static dev.sluice.connectors.TestRows.micros;
import static dev.sluice.connectors.TestRows.row;
import static dev.sluice.connectors.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StringVector;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Parquet codec: every type, Spark's physical layout, projection, codecs and type widening. */
class ParquetFormatTest {
    private static final ParquetFormat PARQUET = new ParquetFormat();
    private static final StructType ALL_TYPES = StructType.fromDDL("i INT, l BIGINT, d DOUBLE, f FLOAT, b BOOLEAN,"
            + " s STRING, by TINYINT, sh SMALLINT, dec9 DECIMAL(9,2), dec18 DECIMAL(18,4), dec38 DECIMAL(38,10),"
            + " ts TIMESTAMP, dt DATE, bin BINARY, st STRUCT<x: INT, y: ARRAY<STRING>, z: STRUCT<q: DOUBLE>>,"
            + " arr ARRAY<STRUCT<k: STRING, v: DOUBLE>>, m MAP<STRING, ARRAY<INT>>, nested ARRAY<ARRAY<BIGINT>>");

    @TempDir
    Path dir;

    private static FormatOptions options(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return FormatOptions.of(map, ZoneOffset.UTC);
    }

    private Path write(String name, StructType schema, FormatOptions options, Chunk... chunks) throws IOException {
        Path file = dir.resolve(name);
        try (ChunkWriter writer = PARQUET.create(FileAccess.path(file), schema, options)) {
            for (Chunk c : chunks) {
                writer.write(c);
            }
        }
        return file;
    }

    private static Chunk allTypes() {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2));
        m.put("nil", null);
        m.put("empty", List.of());
        return chunk(ALL_TYPES,
                row(1, 2L, 1.5, 2.5f, true, "héllo", 7, -300, decimal("1234567.89"), decimal("-12345678901234.5678"),
                        decimal("1234567890123456789012345678.0123456789"), micros("2022-05-09T10:05:00.123456Z"),
                        days("2022-05-09"), new byte[] {1, 2, 3}, row(7, Arrays.asList("a", null), row(0.5)),
                        List.of(row("k1", 0.5), row(null, null)), m, List.of(List.of(1L, 2L), List.of(), Arrays.asList(3L, null))),
                row(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
                row(-1, Long.MIN_VALUE, -0.0, Float.NaN, false, "", -128, 32767, decimal("-0.01"), decimal("0.0000"),
                        decimal("-1.0000000000"), micros("1900-01-01T00:00:00Z"), days("0001-01-01"), new byte[0],
                        row(null, List.of(), null), List.of(), Map.of(), Arrays.asList(null, List.of(5L))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "none", "gzip", "zstd", "lz4_raw"})
    void roundTripsEveryTypeWithEveryCodec(String codec) throws IOException {
        Path file = write("all" + PARQUET.extension(options("compression", codec)), ALL_TYPES,
                options("compression", codec), allTypes());
        List<List<Object>> back = rows(PARQUET.open(FileAccess.path(file), ALL_TYPES, options()).readAll());
        List<List<Object>> expected = rows(List.of(allTypes()));
        assertThat(back).hasSize(3);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < ALL_TYPES.length(); c++) {
                Object want = expected.get(r).get(c);
                Object got = back.get(r).get(c);
                if (want instanceof byte[] bytes) {
                    assertThat((byte[]) got).isEqualTo(bytes);
                } else {
                    assertThat(got).as("row %d column %s", r, ALL_TYPES.apply(c).name()).isEqualTo(want);
                }
            }
        }
        assertThat(PARQUET.inferSchema(List.of(FileAccess.path(file)), options())).isEqualTo(ALL_TYPES);
    }

    @Test
    void usesSparksPhysicalLayout() throws IOException {
        Path file = write("layout.parquet", ALL_TYPES, options(), allTypes());
        String schema = ParquetFormat.fileSchema(FileAccess.defaults(), FileAccess.path(file)).toString();
        assertThat(schema)
                .contains("optional int64 ts (TIMESTAMP(MICROS,true));")
                .contains("optional int32 dt (DATE);")
                .contains("optional binary s (STRING);")
                .contains("optional int32 dec9 (DECIMAL(9,2));")
                .contains("optional int64 dec18 (DECIMAL(18,4));")
                .contains("optional fixed_len_byte_array(16) dec38 (DECIMAL(38,10));")
                .contains("optional group arr (LIST) {\n    repeated group list {\n      optional group element {")
                .contains("optional group m (MAP) {\n    repeated group key_value {\n      required binary key (STRING);");
        assertThat(PARQUET.extension(options())).isEqualTo(".snappy.parquet");
    }

    @Test
    void readsOnlyTheRequestedColumns() throws IOException {
        StructType schema = StructType.fromDDL("id BIGINT, payload STRING, st STRUCT<keep: INT, drop: STRING>");
        int rows = 5000;
        long[] ids = new long[rows];
        StringVector payload = new StringVector(rows);
        ColumnVector st = ColumnVector.allocate(schema.apply(2).dataType(), rows);
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
            payload.appendString("payload-" + i);
            st.appendObject(row(i, "drop-" + i));
        }
        Path file = write("wide.parquet", schema, options("compression", "none"),
                new Chunk(rows, LongVector.wrap(DataTypes.LongType, ids, rows, null), payload, st));
        // Overwrite the bytes of the unrequested column chunks: reading them would now fail.
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
                RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
                String path = column.getPath().toDotString();
                if (path.equals("payload") || path.equals("st.drop")) {
                    raw.seek(column.getStartingPos());
                    byte[] garbage = new byte[(int) column.getTotalSize()];
                    Arrays.fill(garbage, (byte) 0xFF);
                    raw.write(garbage);
                }
            }
        }
        StructType requested = StructType.fromDDL("st STRUCT<keep: INT>, id BIGINT, absent STRING");
        ParquetChunkReader reader = (ParquetChunkReader) PARQUET.open(FileAccess.path(file), requested, options());
        List<List<Object>> back = rows(reader.readAll());
        assertThat(back).hasSize(rows);
        assertThat(back.get(4321)).containsExactly(row(4321), 4321L, null);
        assertThat(reader.projectedSchema().toString()).doesNotContain("payload").doesNotContain("drop");
        assertThatThrownBy(() -> PARQUET.open(FileAccess.path(file), StructType.fromDDL("payload STRING"), options()).readAll())
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void widensLosslesslyAndRejectsOtherTypeChangesNamingFileAndColumn() throws IOException {
        StructType written = StructType.fromDDL("i INT, f FLOAT, dec DECIMAL(5,2)");
        Path file = write("w.parquet", written, options(), chunk(written, row(3, 1.5f, decimal("1.25"))));
        assertThat(rows(PARQUET.open(FileAccess.path(file), StructType.fromDDL("i BIGINT, f DOUBLE, dec DECIMAL(10,4)"), options()).readAll()))
                .containsExactly(row(3L, 1.5, decimal("1.2500")));
        assertThatThrownBy(() -> PARQUET.open(FileAccess.path(file), StructType.fromDDL("i STRING"), options()).readAll())
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("[FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH] Error while reading file "
                        + FileAccess.path(file) + ". Data type mismatches when reading Parquet column `i`.");
    }

    @Test
    void splitsLargeFilesIntoChunks() throws IOException {
        StructType schema = StructType.fromDDL("n BIGINT");
        int rows = 10_000;
        long[] values = new long[rows];
        Arrays.setAll(values, i -> i * 3L);
        Path file = write("big.parquet", schema, options(), new Chunk(rows, LongVector.wrap(DataTypes.LongType, values, rows, null)));
        List<Chunk> chunks = PARQUET.open(FileAccess.path(file), schema, options()).readAll();
        assertThat(chunks).hasSize(3);
        assertThat(chunks.stream().mapToInt(Chunk::rowCount).sum()).isEqualTo(rows);
        assertThat(chunks.get(2).column(0).getLong(chunks.get(2).rowCount() - 1)).isEqualTo(29_997L);
        assertThat(Files.size(file)).isPositive();
    }
}
