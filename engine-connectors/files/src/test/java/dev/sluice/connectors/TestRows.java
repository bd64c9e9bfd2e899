package dev.sluice.connectors;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds chunks from rows of internal values and back, for codec tests. */
public final class TestRows {
    private TestRows() {
    }

    /** A session in UTC (the tests' files are written and compared in UTC). */
    public static SluiceSession session() {
        return Sluice.builder().appName("connectors-test").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    /** One chunk holding {@code rows} (internal values: Integer, Long, String, BigDecimal, List, Map...). */
    public static Chunk chunk(StructType schema, List<?>... rows) {
        ColumnVector[] columns = new ColumnVector[schema.length()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ColumnVector.allocate(schema.apply(c).dataType(), rows.length);
            for (List<?> row : rows) {
                columns[c].appendObject(row.get(c));
            }
        }
        return new Chunk(rows.length, columns);
    }

    /** Every row of {@code chunks} as a list of internal values. */
    public static List<List<Object>> rows(List<Chunk> chunks) {
        List<List<Object>> out = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (int r = 0; r < chunk.rowCount(); r++) {
                Object[] row = new Object[chunk.columnCount()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = chunk.column(c).getObject(r);
                }
                out.add(Arrays.asList(row));
            }
        }
        return out;
    }

    /** A row of internal values (nulls allowed, unlike {@code List.of}). */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    public static long micros(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    public static int days(String isoDate) {
        return (int) LocalDate.parse(isoDate).toEpochDay();
    }

    public static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }
}
