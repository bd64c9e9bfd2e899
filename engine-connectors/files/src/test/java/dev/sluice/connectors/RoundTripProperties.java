package dev.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.StringVector;
import dev.sluice.connectors.csv.CsvFormat;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.PartitionPaths;
import dev.sluice.connectors.json.JsonFormat;
import dev.sluice.sql.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any strings survive a write and a read, whatever separators, quotes, escapes and line breaks they hold. */
class RoundTripProperties {
    private static final StructType SCHEMA = StructType.fromDDL("a STRING, b STRING");

    @Provide
    Arbitrary<List<String>> csvValues() {
        return Arbitraries.strings().withChars(",;\"'\\\n\r \tab").ofMaxLength(8).injectNull(0.1).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> anyValues() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(12).injectNull(0.1).list().ofMaxSize(20);
    }

    private static Chunk chunk(List<String> values) {
        StringVector a = new StringVector(values.size());
        StringVector b = new StringVector(values.size());
        for (String v : values) {
            a.appendString(v);
            b.appendString(v == null ? "x" : v + "|" + v);
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                a.setNull(i);
            }
        }
        return new Chunk(values.size(), a, b);
    }

    private static List<List<Object>> roundTrip(dev.sluice.connectors.file.TextBasedFormat format, List<String> values,
            Map<String, String> options) throws IOException {
        FormatOptions formatOptions = FormatOptions.of(options, ZoneOffset.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ChunkWriter writer = format.create(bytes, SCHEMA, formatOptions)) {
            writer.write(chunk(values));
        }
        // Hand the bytes out a few at a time, so that records straddle the readers' buffer boundaries.
        java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 3));
            }
        };
        return TestRows.rows(format.open(trickle, "memory", SCHEMA, formatOptions).readAll());
    }

    @Property(tries = 300)
    void csvRoundTripsAnyText(@ForAll("csvValues") List<String> values) throws IOException {
        Map<String, String> options = Map.of("multiLine", "true", "nullValue", "\u0001null",
                "ignoreLeadingWhiteSpace", "false", "ignoreTrailingWhiteSpace", "false", "mode", "FAILFAST");
        assertThat(roundTrip(new CsvFormat(), values, options)).isEqualTo(TestRows.rows(List.of(chunk(values))));
    }

    @Property(tries = 300)
    void jsonRoundTripsAnyText(@ForAll("anyValues") List<String> values) throws IOException {
        assertThat(roundTrip(new JsonFormat(), values, Map.of("mode", "FAILFAST")))
                .isEqualTo(TestRows.rows(List.of(chunk(values))));
    }

    @Property(tries = 500)
    void partitionValuesEscapeAndUnescapeToThemselves(@ForAll("anyValues") List<String> values) {
        List<String> back = new ArrayList<>();
        for (String v : values) {
            String escaped = v == null ? null : PartitionPaths.escape(v);
            assertThat(escaped == null || (escaped.indexOf('/') < 0 && escaped.indexOf('=') < 0)).isTrue();
            back.add(escaped == null ? null : PartitionPaths.unescape(escaped));
        }
        assertThat(back).isEqualTo(values);
    }
}
