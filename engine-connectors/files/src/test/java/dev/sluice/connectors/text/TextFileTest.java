package dev.sluice.connectors.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.sql.Dataset;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code read().textFile}: the lines of text files as a {@code Dataset<String>}, as Spark's. */
class TextFileTest extends ReaderTestSupport {
    @Test
    void textFileGivesTypedLines() throws IOException {
        String path = file(".txt", "one\ntwo\n\nthree\n");
        Dataset<String> lines = spark.read().textFile(path);
        assertThat(lines.columns()).containsExactly("value");
        assertThat(lines.collectAsList()).containsExactly("one", "two", "", "three");
    }
}
