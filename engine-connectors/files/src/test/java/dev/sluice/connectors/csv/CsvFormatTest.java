package dev.sluice.connectors.csv;

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
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV codec: Spark's options, quoting, parse modes and schema inference. */
class CsvFormatTest {
    private static final CsvFormat CSV = new CsvFormat();
    private static final StructType ATOMIC = StructType.fromDDL("i INT, l BIGINT, d DOUBLE, b BOOLEAN, s STRING,"
            + " dec DECIMAL(12,3), ts TIMESTAMP, dt DATE, sh SMALLINT, f FLOAT");

    @TempDir
    Path dir;

    private static FormatOptions options(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return FormatOptions.of(map, ZoneOffset.UTC);
    }

    private Path write(StructType schema, FormatOptions options, Chunk chunk) throws IOException {
        Path file = dir.resolve("out" + System.nanoTime() + ".csv");
        try (ChunkWriter writer = CSV.create(FileAccess.path(file), schema, options)) {
            writer.write(chunk);
        }
        return file;
    }

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("in" + System.nanoTime() + ".csv"), content);
    }

    private static List<List<Object>> read(Path file, StructType schema, FormatOptions options) throws IOException {
        return rows(CSV.open(FileAccess.path(file), schema, options).readAll());
    }

    private static Chunk atomicRows() {
        return chunk(ATOMIC,
                row(1, 10_000_000_000L, 1.5, true, "plain", decimal("1234.500"), micros("2022-05-09T10:05:00Z"),
                        days("2022-05-09"), 7, 0.25f),
                row(null, null, null, null, null, null, null, null, null, null),
                row(-2, -1L, 1.0E10, false, "a,b \"quoted\"", decimal("-0.001"), micros("1999-12-31T23:59:59.999Z"),
                        days("1970-01-01"), -7, -1.5f),
                row(0, 0L, 0.0, true, "", decimal("0.000"), micros("2022-05-09T00:00:00Z"), days("2000-02-29"), 0, 0f));
    }

    @Test
    void writesSparksDefaultTextAndReadsItBack() throws IOException {
        Path file = write(ATOMIC, options("header", "true"), atomicRows());
        assertThat(Files.readString(file)).isEqualTo("""
                i,l,d,b,s,dec,ts,dt,sh,f
                1,10000000000,1.5,true,plain,1234.500,2022-05-09T10:05:00.000Z,2022-05-09,7,0.25
                ,,,,,,,,,
                -2,-1,1.0E10,false,"a,b \\"quoted\\"",-0.001,1999-12-31T23:59:59.999Z,1970-01-01,-7,-1.5
                0,0,0.0,true,"",0.000,2022-05-09T00:00:00.000Z,2000-02-29,0,0.0
                """);
        // Spark reads an empty quoted string back as null too, since nullValue defaults to "".
        List<List<Object>> expected = rows(List.of(atomicRows()));
        expected.get(3).set(4, null);
        assertThat(read(file, ATOMIC, options("header", "true"))).isEqualTo(expected);
    }

    @Test
    void writerOptionsQuoteAllSeparatorNullValueAndTrimming() throws IOException {
        StructType schema = StructType.fromDDL("a STRING, b INT");
        Chunk data = chunk(schema, row("  padded  ", 1), row(null, null), row("x;y", 2));
        assertThat(Files.readString(write(schema, options("sep", ";", "nullValue", "NA"), data)))
                .isEqualTo("padded;1\nNA;NA\n\"x;y\";2\n");
        assertThat(Files.readString(write(schema, options("quoteAll", "true", "ignoreLeadingWhiteSpace", "false"), data)))
                .isEqualTo("\"  padded\",\"1\"\n,\n\"x;y\",\"2\"\n");
        StructType nested = StructType.fromDDL("a ARRAY<INT>");
        assertThatThrownBy(() -> CSV.create(FileAccess.path(dir.resolve("bad.csv")), nested, options()))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the column `a` of"
                        + " the type \"ARRAY<INT>\". SQLSTATE: 0A000");
    }

    @Test
    void readerOptionsSeparatorQuoteEscapeNullValueCommentAndWhiteSpace() throws IOException {
        Path file = file("""
                # a comment line
                'it''s';NA;  x\s
                'semi;colon';'esc\\'aped';y

                last;;z
                """);
        StructType schema = StructType.fromDDL("a STRING, b STRING, c STRING");
        assertThat(read(file, schema, options("sep", ";", "quote", "'", "nullValue", "NA", "comment", "#",
                "ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true"))).containsExactly(
                row("it's", null, "x"), row("semi;colon", "esc'aped", "y"), row("last", null, "z"));
        assertThat(read(file("a\tb\n"), StructType.fromDDL("x STRING, y STRING"), options("delimiter", "\\t")))
                .containsExactly(row("a", "b"));
    }

    @Test
    void multiLineKeepsLineBreaksInsideQuotes() throws IOException {
        Path file = file("id,text\n1,\"two\nlines\"\r\n2,\"x\"\n");
        StructType schema = StructType.fromDDL("id INT, text STRING");
        assertThat(read(file, schema, options("header", "true", "multiLine", "true")))
                .containsExactly(row(1, "two\nlines"), row(2, "x"));
        assertThat(read(file, schema, options("header", "true", "mode", "DROPMALFORMED"))).containsExactly(row(2, "x"));
    }

    @Test
    void readsEncodingsAndCustomDateTimeFormats() throws IOException {
        Path file = dir.resolve("latin.csv");
        Files.write(file, "café,09/05/2022,09/05/2022 10:05\n".getBytes(StandardCharsets.ISO_8859_1));
        StructType schema = StructType.fromDDL("s STRING, d DATE, t TIMESTAMP");
        assertThat(read(file, schema, options("encoding", "ISO-8859-1", "dateFormat", "dd/MM/yyyy",
                "timestampFormat", "dd/MM/yyyy HH:mm", "timeZone", "+02:00")))
                .containsExactly(row("café", days("2022-05-09"), micros("2022-05-09T08:05:00Z")));
    }

    private static final String BAD = """
            1,one
            x,two
            3
            4,four,extra
            5,"unclosed
            """;

    @Test
    void permissiveNullsBadFieldsAndKeepsTheRawRecord() throws IOException {
        StructType schema = StructType.fromDDL("n INT, s STRING, _corrupt_record STRING");
        assertThat(read(file(BAD), schema, options())).containsExactly(
                row(1, "one", null),
                row(null, "two", "x,two"),
                row(3, null, "3"),
                row(4, "four", "4,four,extra"),
                row(5, "unclosed", "5,\"unclosed"));
    }

    @Test
    void dropMalformedCountsAndFailFastNamesFileAndLine() throws IOException {
        Path file = file(BAD);
        try (ChunkReader reader = CSV.open(FileAccess.path(file), StructType.fromDDL("n INT, s STRING"), options("mode", "DROPMALFORMED"))) {
            List<Chunk> chunks = new ArrayList<>();
            for (Chunk c = reader.next(); c != null; c = reader.next()) {
                chunks.add(c);
            }
            assertThat(rows(chunks)).containsExactly(row(1, "one"));
            assertThat(reader.malformedDropped()).isEqualTo(4);
        }
        assertThatThrownBy(() -> read(file, StructType.fromDDL("n INT, s STRING"), options("mode", "FAILFAST")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record"
                        + " parsing: x,two in file " + FileAccess.path(file) + ", line 2. Parse Mode: FAILFAST. To process malformed"
                        + " records as null result, try setting the option 'mode' as 'PERMISSIVE'. SQLSTATE: 22023");
    }

    @Test
    void infersTypesInSparksOrderAndNamesFromTheHeader() throws IOException {
        Path file = file("""
                i,l,big,d,b,dt,ts,s,empty,mixed,i
                1,3000000000,123456789012345678901,1.5,true,2022-05-09,2022-05-09 10:05:00,x,,1,7
                2,4,1,2,FALSE,2022-05-10,2022-05-09T10:06:00Z,y,,2022-05-09,8
                """);
        assertThat(CSV.inferSchema(List.of(FileAccess.path(file)), options("header", "true", "inferSchema", "true")).simpleString())
                .isEqualTo("struct<i0:int,l:bigint,big:decimal(21,0),d:double,b:boolean,dt:date,ts:timestamp,s:string,"
                        + "empty:string,mixed:string,i10:int>");
        assertThat(CSV.inferSchema(List.of(FileAccess.path(file)), options("header", "true")).simpleString())
                .isEqualTo("struct<i0:string,l:string,big:string,d:string,b:string,dt:string,ts:string,s:string,"
                        + "empty:string,mixed:string,i10:string>");
        assertThat(CSV.inferSchema(List.of(FileAccess.path(file)), options()).fieldNames()).startsWith("_c0", "_c1", "_c2");
        assertThat(read(file, CSV.inferSchema(List.of(FileAccess.path(file)), options("header", "true", "inferSchema", "true")),
                options("header", "true")).get(0).subList(0, 4))
                .containsExactly(1, 3000000000L, decimal("123456789012345678901"), 1.5);
    }
}
