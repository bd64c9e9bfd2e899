package dev.sluice.connectors.json;

import dev.sluice.testkit.TutorialInvoices;
import static dev.sluice.connectors.TestRows.chunk;
import static dev.sluice.connectors.TestRows.days;
import static dev.sluice.connectors.TestRows.decimal;
import static dev.sluice.connectors.TestRows.micros;
import static dev.sluice.connectors.TestRows.row;
import static dev.sluice.connectors.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.MalformedRecordException;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON codec: round trips, Spark's text form, parse modes, options and schema inference. */
class JsonFormatTest {
    private static final JsonFormat JSON = new JsonFormat();
    private static final StructType ALL_TYPES = StructType.fromDDL("i INT, l BIGINT, d DOUBLE, f FLOAT, b BOOLEAN,"
            + " s STRING, dec DECIMAL(10,2), ts TIMESTAMP, dt DATE, bin BINARY, st STRUCT<x: INT, y: ARRAY<STRING>>,"
            + " arr ARRAY<STRUCT<k: STRING, v: DOUBLE>>, m MAP<STRING, INT>");

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
        try (ChunkWriter writer = JSON.create(FileAccess.path(file), schema, options)) {
            for (Chunk c : chunks) {
                writer.write(c);
            }
        }
        return file;
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<List<Object>> read(Path file, StructType schema, FormatOptions options) throws IOException {
        return rows(JSON.open(FileAccess.path(file), schema, options).readAll());
    }

    private static Chunk allTypesChunk() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("one", 1);
        m.put("none", null);
        return chunk(ALL_TYPES,
                row(1, 2L, 1.5, 2.5f, true, "héllo \"q\"\n", decimal("12.34"), micros("2022-05-09T10:05:00.123Z"),
                        days("2022-05-09"), new byte[] {1, 2, 3}, row(7, List.of("a", "b")),
                        List.of(row("k1", 0.5), row("k2", null)), m),
                row(null, null, null, null, null, null, null, null, null, null, null, null, null),
                row(-1, Long.MIN_VALUE, -0.0, 0f, false, "", decimal("-0.01"), micros("1969-12-31T23:59:59Z"),
                        days("1900-01-01"), new byte[0], row(null, java.util.Arrays.asList("x", null)), List.of(), Map.of()));
    }

    @Test
    void roundTripsEveryTypeIncludingNestedValuesAndNulls() throws IOException {
        // Timestamps keep milliseconds only: Spark's default timestampFormat ends in .SSS.
        Path file = write("all.json", ALL_TYPES, options(), allTypesChunk());
        List<List<Object>> back = read(file, ALL_TYPES, options());
        List<List<Object>> expected = rows(List.of(allTypesChunk()));
        assertThat(back).hasSize(3);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < ALL_TYPES.length(); c++) {
                Object want = expected.get(r).get(c);
                Object got = back.get(r).get(c);
                if (want instanceof byte[] bytes) {
                    assertThat((byte[]) got).as("row %d column %s", r, ALL_TYPES.apply(c).name()).isEqualTo(bytes);
                } else {
                    assertThat(got).as("row %d column %s", r, ALL_TYPES.apply(c).name()).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void writesSparksTextFormOmittingNullFields() throws IOException {
        Path file = write("all.json", ALL_TYPES, options(), allTypesChunk());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"i\":1,\"l\":2,\"d\":1.5,\"f\":2.5,\"b\":true,\"s\":\"héllo \\\"q\\\"\\n\","
                + "\"dec\":12.34,\"ts\":\"2022-05-09T10:05:00.123Z\",\"dt\":\"2022-05-09\",\"bin\":\"AQID\","
                + "\"st\":{\"x\":7,\"y\":[\"a\",\"b\"]},\"arr\":[{\"k\":\"k1\",\"v\":0.5},{\"k\":\"k2\"}],"
                + "\"m\":{\"one\":1,\"none\":null}}");
        assertThat(lines.get(1)).isEqualTo("{}");
    }

    @Test
    void writesNullFieldsWhenAskedAndHonoursTimestampFormat() throws IOException {
        StructType schema = StructType.fromDDL("a INT, ts TIMESTAMP, d DATE");
        Path file = write("n.json", schema, options("ignoreNullFields", "false", "timestampFormat", "yyyy/MM/dd HH:mm",
                "dateFormat", "dd.MM.yyyy"), chunk(schema, row(null, micros("2022-05-09T10:05:00Z"), days("2022-05-09"))));
        assertThat(Files.readString(file)).isEqualTo("{\"a\":null,\"ts\":\"2022/05/09 10:05\",\"d\":\"09.05.2022\"}\n");
        assertThat(read(file, schema, options("timestampFormat", "yyyy/MM/dd HH:mm", "dateFormat", "dd.MM.yyyy")))
                .containsExactly(row(null, micros("2022-05-09T10:05:00Z"), days("2022-05-09")));
    }

    private static final String BAD_LINES = """
            {"a":1,"b":"x"}
            {"a":"oops","b":"y"}

            {"a":3,
            not json at all
            """;

    @Test
    void permissiveKeepsGoodFieldsAndPutsTheRawLineInTheCorruptRecordColumn() throws IOException {
        Path file = file("bad.json", BAD_LINES);
        StructType schema = StructType.fromDDL("a INT, b STRING, _corrupt_record STRING");
        assertThat(read(file, schema, options())).containsExactly(
                row(1, "x", null),
                row(null, "y", "{\"a\":\"oops\",\"b\":\"y\"}"),
                row(null, null, "{\"a\":3,"),
                row(null, null, "not json at all"));
        assertThat(read(file, StructType.fromDDL("a INT, b STRING"), options("mode", "PERMISSIVE")))
                .containsExactly(row(1, "x"), row(null, "y"), row(null, null), row(null, null));
        assertThat(read(file, StructType.fromDDL("a INT, bad STRING"), options("columnNameOfCorruptRecord", "bad")))
                .element(1).isEqualTo(row(null, "{\"a\":\"oops\",\"b\":\"y\"}"));
        assertThatThrownBy(() -> read(file, StructType.fromDDL("a INT, _corrupt_record INT"), options()))
                .hasMessageStartingWith("[INVALID_CORRUPT_RECORD_TYPE] The column `_corrupt_record` for corrupt records"
                        + " must have the nullable STRING type, but got INT.");
    }

    @Test
    void dropMalformedSkipsAndCountsBadRecords() throws IOException {
        Path file = file("bad.json", BAD_LINES);
        try (ChunkReader reader = JSON.open(FileAccess.path(file), StructType.fromDDL("a INT, b STRING"), options("mode", "DROPMALFORMED"))) {
            List<Chunk> chunks = new java.util.ArrayList<>();
            for (Chunk c = reader.next(); c != null; c = reader.next()) {
                chunks.add(c);
            }
            assertThat(rows(chunks)).containsExactly(row(1, "x"));
            assertThat(reader.malformedDropped()).isEqualTo(3);
        }
    }

    @Test
    void failFastNamesTheRecordFileAndLine() throws IOException {
        Path file = file("bad.json", "{\"a\":1}\n\n{\"a\":2,\n");
        assertThatThrownBy(() -> read(file, StructType.fromDDL("a INT"), options("mode", "FAILFAST")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record"
                        + " parsing: {\"a\":2, in file " + FileAccess.path(file) + ", line 3. Parse Mode: FAILFAST. To process malformed"
                        + " records as null result, try setting the option 'mode' as 'PERMISSIVE'. SQLSTATE: 22023")
                .satisfies(e -> assertThat(((MalformedRecordException) e).line()).isEqualTo(3));
    }

    @Test
    void jsonLinesRecordsEndWithTheirLine() throws IOException {
        String longValue = "v".repeat(100_000);
        Path file = file("lines.json", "{\"a\":5,\"s\":\"x\"} {\"a\":6}\n42\n{\"a\":7,\n\"s\":\"y\"}\n"
                + "  {\"s\":\"" + longValue + "\",\n{\"a\":8,\"s\":\"" + longValue + "\"}\n[{\"a\":9},{\"a\":10}]");
        StructType schema = StructType.fromDDL("a INT, s STRING, _corrupt_record STRING");
        List<List<Object>> rows = read(file, schema, options());
        assertThat(rows).hasSize(8);
        assertThat(rows.subList(0, 4)).containsExactly(row(5, "x", null), row(null, null, "42"),
                row(null, null, "{\"a\":7,"), row(null, null, "\"s\":\"y\"}"));
        assertThat(rows.get(4).get(2)).asString().startsWith("  {\"s\":\"vvv").hasSize(100_010);
        assertThat(rows.get(5)).containsExactly(8, longValue, null);
        assertThat(rows.subList(6, 8)).containsExactly(row(9, null, null), row(10, null, null));
    }

    @Test
    void multiLineReadsOneDocumentAndArraysOfObjects() throws IOException {
        Path file = file("multi.json", """
                [
                  {"a": 1,
                   "b": "x"},
                  {"a": 2}
                ]
                """);
        StructType schema = StructType.fromDDL("a BIGINT, b STRING");
        assertThat(read(file, schema, options("multiLine", "true"))).containsExactly(row(1L, "x"), row(2L, null));
        assertThat(JSON.inferSchema(List.of(FileAccess.path(file)), options("multiLine", "true"))).isEqualTo(schema);
        Path broken = file("broken.json", "{\"a\": 1,\n \"b\": }");
        assertThatThrownBy(() -> read(broken, schema, options("multiLine", "true", "mode", "FAILFAST")))
                .hasMessageContaining("in file " + FileAccess.path(broken) + ", line 1.");
    }

    @Test
    void parsesSparksLenientForms() throws IOException {
        Path file = file("lenient.json", "{'a': 'single', \"n\": NaN, \"t\": 1652090700, \"s\": {\"raw\": [1, 2]}, \"x\": 5}\r\n"
                + "{\"a\": \"u\", \"n\": \"Infinity\", \"t\": \"2022-05-09 10:05\", \"s\": 12.5}\r\n");
        StructType schema = StructType.fromDDL("a STRING, n DOUBLE, t TIMESTAMP, s STRING");
        assertThat(read(file, schema, options())).containsExactly(
                row("single", Double.NaN, micros("2022-05-09T10:05:00Z"), "{\"raw\":[1,2]}"),
                row("u", Double.POSITIVE_INFINITY, micros("2022-05-09T10:05:00Z"), "12.5"));
        assertThat(read(file, schema, options("allowSingleQuotes", "false", "mode", "DROPMALFORMED"))).hasSize(1);
    }

    @Test
    void readsOtherEncodingsAndLineSeparatorsAndGzip() throws IOException {
        Path latin = dir.resolve("latin.json");
        Files.write(latin, "{\"s\":\"caf\u00e9\"}|{\"s\":\"ni\u00f1o\"}".getBytes(StandardCharsets.ISO_8859_1));
        StructType schema = StructType.fromDDL("s STRING");
        assertThat(read(latin, schema, options("encoding", "ISO-8859-1", "lineSep", "|")))
                .containsExactly(row("café"), row("niño"));
        Path gz = write("z.json.gz", schema, options("compression", "gzip"), chunk(schema, row("zipped")));
        assertThat(JSON.extension(options("compression", "gzip"))).isEqualTo(".json.gz");
        assertThat(read(gz, schema, options())).containsExactly(row("zipped"));
    }

    @Test
    void infersTheTutorialInvoiceSchemaWithFieldsSortedLikeSpark() throws IOException {
        Path file = file("invoices.json", TutorialInvoices.jsonLines(20, 42));
        StructType schema = JSON.inferSchema(List.of(FileAccess.path(file)), options());
        assertThat(schema.treeString()).isEqualTo("""
                root
                 |-- CESS: double (nullable = true)
                 |-- CGST: double (nullable = true)
                 |-- CashierID: string (nullable = true)
                 |-- CreatedTime: long (nullable = true)
                 |-- CustomerCardNo: string (nullable = true)
                 |-- CustomerType: string (nullable = true)
                 |-- DeliveryAddress: struct (nullable = true)
                 |    |-- AddressLine: string (nullable = true)
                 |    |-- City: string (nullable = true)
                 |    |-- ContactNumber: string (nullable = true)
                 |    |-- PinCode: string (nullable = true)
                 |    |-- State: string (nullable = true)
                 |-- DeliveryType: string (nullable = true)
                 |-- InvoiceLineItems: array (nullable = true)
                 |    |-- element: struct (containsNull = true)
                 |    |    |-- ItemCode: string (nullable = true)
                 |    |    |-- ItemDescription: string (nullable = true)
                 |    |    |-- ItemPrice: double (nullable = true)
                 |    |    |-- ItemQty: long (nullable = true)
                 |    |    |-- TotalValue: double (nullable = true)
                 |-- InvoiceNumber: string (nullable = true)
                 |-- NumberOfItems: long (nullable = true)
                 |-- PaymentMethod: string (nullable = true)
                 |-- PosID: string (nullable = true)
                 |-- SGST: double (nullable = true)
                 |-- StoreID: string (nullable = true)
                 |-- TaxableAmount: double (nullable = true)
                 |-- TotalAmount: double (nullable = true)
                """);
        List<List<Object>> rows = read(file, schema, options());
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0).get(schema.fieldIndex("InvoiceNumber"))).isEqualTo("51402977");
    }

    @Test
    void inferenceWidensTypesAndAddsTheCorruptColumnForBadRecords() throws IOException {
        Path file = file("mixed.json", """
                {"n": 1, "x": null, "arr": [], "big": 123456789012345678901234}
                {"n": 2.5, "x": "s", "arr": [1, 2.0], "o": {"b": true}}
                {"n": "text", "o": {"a": 1}}
                [1, 2]
                """);
        assertThat(JSON.inferSchema(List.of(FileAccess.path(file)), options()).simpleString()).isEqualTo(
                "struct<_corrupt_record:string,arr:array<double>,big:decimal(24,0),n:string,o:struct<a:bigint,b:boolean>,x:string>");
        assertThat(JSON.inferSchema(List.of(FileAccess.path(file)), options("mode", "DROPMALFORMED")).fieldNames())
                .doesNotContain("_corrupt_record");
        assertThatThrownBy(() -> JSON.inferSchema(List.of(FileAccess.path(file)), options("mode", "FAILFAST")))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("line 4");
    }

    @Test
    void inferenceOptionsPrimitivesAsStringAndPrefersDecimal() throws IOException {
        Path file = file("prims.json", "{\"a\": 1, \"b\": 2.25, \"c\": true}\n{\"b\": 10.5}\n");
        assertThat(JSON.inferSchema(List.of(FileAccess.path(file)), options("primitivesAsString", "true")).simpleString())
                .isEqualTo("struct<a:string,b:string,c:string>");
        assertThat(JSON.inferSchema(List.of(FileAccess.path(file)), options("prefersDecimal", "true")).simpleString())
                .isEqualTo("struct<a:bigint,b:decimal(4,2),c:boolean>");
    }
}
