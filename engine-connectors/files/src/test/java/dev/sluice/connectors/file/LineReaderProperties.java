package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Line splitting agrees with a reference splitter however the input arrives (buffer boundaries anywhere). */
class LineReaderProperties {
    /** A reader handing out at most {@code step} characters per call. */
    static Reader trickle(String text, int step) {
        return new Reader() {
            private final StringReader in = new StringReader(text);

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return in.read(buffer, offset, Math.min(length, step));
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars("ab\r\n|").ofMaxLength(40);
    }

    private static List<String> reference(String text, String separator) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            if (separator != null) {
                if (text.startsWith(separator, i)) {
                    lines.add(text.substring(start, i));
                    i += separator.length();
                    start = i;
                    continue;
                }
            } else if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                lines.add(text.substring(start, i));
                i += text.startsWith("\r\n", i) ? 2 : 1;
                start = i;
                continue;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static List<String> split(String text, String separator, int step) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(trickle(text, step), separator)) {
            while (reader.next()) {
                lines.add(reader.line());
                assertThat(reader.lineNumber()).isEqualTo(lines.size());
            }
        }
        return lines;
    }

    @Property(tries = 400)
    void defaultSeparatorsMatchTheReference(@ForAll("text") String text, @ForAll @IntRange(min = 1, max = 5) int step)
            throws IOException {
        assertThat(split(text, null, step)).isEqualTo(reference(text, null));
    }

    @Property(tries = 400)
    void customSeparatorsMatchTheReference(@ForAll("text") String text, @ForAll @IntRange(min = 1, max = 5) int step)
            throws IOException {
        assertThat(split(text, "|\n", step)).isEqualTo(reference(text, "|\n"));
        assertThat(split(text, "|", step)).isEqualTo(reference(text, "|"));
    }
}
