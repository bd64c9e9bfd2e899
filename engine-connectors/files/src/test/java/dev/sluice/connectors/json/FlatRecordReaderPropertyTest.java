package dev.sluice.connectors.json;

import static dev.sluice.connectors.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.MalformedRecordException;
import dev.sluice.sql.types.StructType;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The flat-record fast path of JSON Lines reading gives exactly what Jackson alone gives: random lines mixing
 * what the fast path takes with everything it must leave to Jackson (floats, escapes, nesting, leading zeros,
 * bad timestamps, out-of-range integers, duplicates, unknown fields, malformed and blank lines), in every parse
 * mode, read both ways.
 */
class FlatRecordReaderPropertyTest {
    private static final StructType SCHEMA = StructType.fromDDL(
            "ts TIMESTAMP, key BIGINT, small TINYINT, n INT, s STRING, b BOOLEAN, d DOUBLE, st STRUCT<x: INT>,"
                    + " _corrupt_record STRING");
    private static final String[] NAMES = {"ts", "key", "small", "n", "s", "b", "d", "st", "other", "Key"};
    private static final String[] VALUES = {
        "\"2026-11-26T00:00:00Z\"", "\"2026-11-26T10:15:30.250Z\"", "\"2026-11-26 10:15:30\"", "\"2026-02-30T00:00:00Z\"",
        "\"2026-11-26\"", "\"nope\"", "\"\"", "\"a\\\"b\"", "\"tab\there\"", "\"héllo\"", "\"2026-11-26T00:00:00+02:00\"",
        "0", "-0", "7", "-42", "127", "128", "-129", "2147483648", "01", "-", "123456789012345678", "1234567890123456789",
        "99999999999999999999", "1.5", "1e3", "-2.0E-3", "NaN", "true", "false", "null", "tru", "nul", "{\"x\":1}",
        "{}", "[1,2]", "[]", "'single'", "7x", "\"unterminated"};

    private static List<List<Object>> read(String text, FormatOptions options, boolean fastPath) {
        JsonChunkReader reader = new JsonChunkReader(new StringReader(text), SCHEMA, options,
                JsonFormat.factory(options), "test.json", fastPath);
        List<List<Object>> out = new ArrayList<>();
        try (reader) {
            for (Chunk c = reader.next(); c != null; c = reader.next()) {
                out.addAll(rows(List.of(c)));
            }
            out.add(List.of("dropped", reader.malformedDropped()));
        } catch (MalformedRecordException e) {
            out.add(List.of("failed", e.getMessage()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static FormatOptions options(String mode, String... more) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("mode", mode);
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i], more[i + 1]);
        }
        return FormatOptions.of(map, ZoneId.of("UTC"));
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> field = Arbitraries.of(NAMES).flatMap(name -> Arbitraries.of(VALUES)
                .map(value -> "\"" + name + "\"" + ":" + value));
        Arbitrary<String> space = Arbitraries.of("", "", " ", "\t", "  ");
        Arbitrary<String> object = field.list().ofMaxSize(6).flatMap(fields -> space.map(sp -> "{" + sp
                + String.join("," + sp, fields) + sp + "}"));
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, object),
                net.jqwik.api.Tuple.of(1, object.map(o -> o + " trailing")),
                net.jqwik.api.Tuple.of(1, object.map(o -> "  " + o.substring(0, Math.max(1, o.length() - 1)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "   ", "[{\"key\":1}]", "42", "{\"key\":1", "{\"key\" 1}",
                        "{\"key\":1,}", "{,}", "{\"key\":1}{\"key\":2}")));
        return line.list().ofMinSize(1).ofMaxSize(30).map(ls -> String.join("\n", ls));
    }

    @Property(tries = 400)
    void bothPathsReadTheSameRows(@ForAll("lines") String text,
                                  @ForAll("modes") String mode) {
        FormatOptions options = options(mode);
        assertThat(read(text, options, true)).isEqualTo(read(text, options, false));
    }

    @Property(tries = 100)
    void bothPathsReadTheSameRowsWithLenientJackson(@ForAll("lines") String text) {
        FormatOptions options = options("PERMISSIVE", "allowNumericLeadingZeros", "true", "allowSingleQuotes", "true",
                "allowNonNumericNumbers", "true", "timeZone", "+02:00");
        assertThat(read(text, options, true)).isEqualTo(read(text, options, false));
    }

    @Provide
    Arbitrary<String> modes() {
        return Arbitraries.of("PERMISSIVE", "DROPMALFORMED", "FAILFAST");
    }

    @Test
    void flatLinesReadTheirValues() {
        String text = "{\"ts\":\"1970-01-01T00:00:01Z\",\"key\":-7,\"small\":3,\"s\":\"x\",\"b\":true,\"n\":null}\n"
                + "{\"key\":1,\"key\":2,\"unknown\":false}\n";
        List<List<Object>> rows = read(text, options("PERMISSIVE"), true);
        assertThat(rows.get(0)).containsExactly(1_000_000L, -7L, 3, null, "x", true, null, null, null);
        assertThat(rows.get(1)).containsExactly(null, 1L, null, null, null, null, null, null, null);
    }

    @Test
    void theFastPathTakesFlatLinesAndLeavesTheRest() {
        StructType data = StructType.fromDDL("ts TIMESTAMP, key BIGINT, d DOUBLE");
        FlatRecordReader reader = new FlatRecordReader(data,
                dev.sluice.connectors.file.TemporalFormats.of(options("PERMISSIVE")));
        dev.sluice.batch.ColumnVector[] targets = new dev.sluice.batch.ColumnVector[3];
        for (int i = 0; i < 3; i++) {
            targets[i] = dev.sluice.batch.ColumnVector.allocate(data.apply(i).dataType(), 4);
        }
        char[] flat = "{\"ts\":\"2026-11-26T00:00:00Z\",\"key\":5,\"d\":null}".toCharArray();
        assertThat(reader.read(flat, 0, flat.length, targets)).isTrue();
        assertThat(targets[1].getObject(0)).isEqualTo(5L);
        for (String declined : new String[] {"{\"d\":1.5}", "{\"key\":\"5\"}", "{\"key\":01}", "", "{\"ts\":\"x\"}"}) {
            char[] line = declined.toCharArray();
            assertThat(reader.read(line, 0, line.length, targets)).as(declined).isFalse();
            assertThat(targets[0].size()).isEqualTo(1); // nothing appended
        }
    }
}
