package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binary row format of state keys and values. */
class RowCodecTest {
    private static final StructType SCHEMA = StructType.fromDDL("k BIGINT, s STRING, d DECIMAL(10,2), b BOOLEAN,"
            + " x DOUBLE, t TIMESTAMP, w STRUCT<start: TIMESTAMP, end: TIMESTAMP>, a ARRAY<INT>, m MAP<STRING, INT>,"
            + " bin BINARY, f FLOAT, dt DATE");

    private static Chunk chunk(List<Row> rows) {
        return JavaValues.toChunks(rows, SCHEMA, ZoneId.of("UTC")).get(0);
    }

    @Test
    void everyTypeRoundTripsIncludingNulls() {
        List<Row> rows = List.of(
                RowFactory.create(-5L, "héllo", new BigDecimal("12.30"), true, 1.5, Timestamp.valueOf("2022-05-09 10:00:00"),
                        RowFactory.create(Timestamp.valueOf("2022-05-09 10:00:00"), null), List.of(1, 2),
                        Map.of("a", 1), new byte[] {1, 2}, 2.5f, java.sql.Date.valueOf("2024-02-29")),
                RowFactory.create(null, null, null, null, null, null, null, null, null, null, null, null));
        Chunk chunk = chunk(rows);
        RowCodec codec = new RowCodec(SCHEMA);
        ColumnVector[] out = new ColumnVector[SCHEMA.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ColumnVector.allocate(SCHEMA.apply(i).dataType(), 2);
        }
        for (int r = 0; r < 2; r++) {
            codec.decodeInto(codec.encode(chunk.columns(), r), out);
        }
        List<Row> back = JavaValues.toRows(List.of(new Chunk(2, out)), SCHEMA);
        assertThat(back.get(1).anyNull()).isTrue();
        assertThat(back.get(0)).isEqualTo(JavaValues.toRows(List.of(chunk), SCHEMA).get(0));
        assertThat(back.get(0).<byte[]>getAs("bin")).containsExactly(1, 2);
    }

    @Test
    void oneFieldDecodesAloneAsTheWholeRowDecodesIt() {
        // every field after fields of every type (set and NULL): skipping the ones before must land on the field
        List<Row> rows = List.of(
                RowFactory.create(-5L, "héllo", new BigDecimal("12.30"), true, 1.5, Timestamp.valueOf("2022-05-09 10:00:00"),
                        RowFactory.create(Timestamp.valueOf("2022-05-09 10:00:00"), null), List.of(1, 2),
                        Map.of("a", 1, "bb", 2), new byte[] {1, 2, 3}, 2.5f, java.sql.Date.valueOf("2024-02-29")),
                RowFactory.create(null, null, null, null, null, null, null, null, null, null, null, null),
                RowFactory.create(7L, "", new BigDecimal("-0.01"), false, -0.0, Timestamp.valueOf("1969-12-31 23:59:59"),
                        null, List.of(), Map.of(), new byte[0], -1f, java.sql.Date.valueOf("1900-01-01")));
        Chunk chunk = chunk(rows);
        RowCodec codec = new RowCodec(SCHEMA);
        List<Row> whole = JavaValues.toRows(List.of(chunk), SCHEMA);
        for (int field = 0; field < SCHEMA.length(); field++) {
            StructType one = new StructType(new dev.sluice.sql.types.StructField[] {SCHEMA.apply(field)});
            ColumnVector out = ColumnVector.allocate(SCHEMA.apply(field).dataType(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                codec.decodeFieldInto(codec.encode(chunk.columns(), r), field, out);
            }
            List<Row> back = JavaValues.toRows(List.of(new Chunk(rows.size(), new ColumnVector[] {out})), one);
            for (int r = 0; r < rows.size(); r++) {
                Object expected = whole.get(r).get(field);
                Object actual = back.get(r).get(0);
                if (expected instanceof byte[] bytes) {
                    assertThat((byte[]) actual).as("field %d row %d", field, r).containsExactly(bytes);
                } else {
                    assertThat(actual).as("field %d row %d", field, r).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void longKeysSortByValueInByteOrder() {
        StructType keySchema = StructType.fromDDL("k BIGINT");
        RowCodec codec = new RowCodec(keySchema);
        long[] values = {Long.MIN_VALUE, -10, -1, 0, 1, 42, Long.MAX_VALUE};
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            Chunk c = JavaValues.toChunks(List.of(RowFactory.create(values[i])), keySchema, ZoneId.of("UTC")).get(0);
            encoded[i] = codec.encode(c.columns(), 0);
        }
        for (int i = 1; i < values.length; i++) {
            assertThat(Arrays.compareUnsigned(encoded[i - 1], encoded[i])).isNegative();
        }
    }
}
