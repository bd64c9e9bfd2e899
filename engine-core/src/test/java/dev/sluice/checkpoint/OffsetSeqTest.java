package dev.sluice.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The offset log entry written with the streaming generator is the text the data-binding tree wrote
 * before (so old and new checkpoints read the same), and reads back to the same entry.
 */
class OffsetSeqTest {
    private static final Map<String, String> CONF = Map.of(
            "spark.sql.shuffle.partitions", "2",
            "spark.sql.session.timeZone", "Europe/Madrid",
            "tricky", "quote \" backslash \\ slash / newline \n tab \t cr \r bs \b ff \f ctl \u0001 \u001f del \u007f"
                    + " unicode ñ € \u2028 \ud83d\ude00");

    @Test
    void metadataLineIsTheTextTheTreeWrote() {
        OffsetSeq seq = new OffsetSeq(Arrays.asList("{\"0\":12}", null), -5L, 1_764_000_000_123L, CONF);

        ObjectNode tree = new ObjectMapper().createObjectNode();
        tree.put("batchWatermarkMs", -5L);
        tree.put("batchTimestampMs", 1_764_000_000_123L);
        ObjectNode conf = tree.putObject("conf");
        new TreeMap<>(CONF).forEach(conf::put);

        assertThat(seq.serialize()).isEqualTo(tree + "\n{\"0\":12}\n-");
    }

    @Test
    void randomStringsAreEscapedAsJacksonEscapesThem() {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 500; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD800));
            }
            String value = new String(chars);
            OffsetSeq seq = new OffsetSeq(java.util.List.of(), 0L, 0L, Map.of(value, value));
            ObjectNode tree = new ObjectMapper().createObjectNode();
            tree.put("batchWatermarkMs", 0L);
            tree.put("batchTimestampMs", 0L);
            tree.putObject("conf").put(value, value);
            assertThat(seq.serialize()).as("conf %s", tree).isEqualTo(tree.toString());
        }
    }

    @Test
    void serializedEntryParsesBackToTheSameEntry() {
        OffsetSeq seq = new OffsetSeq(Arrays.asList(null, "7", "{\"topic\":{\"0\":3}}"), 0L, 42L, CONF);

        assertThat(OffsetSeq.parse(Path.of("offsets/0"), seq.serialize())).isEqualTo(seq);
    }

    @Test
    void emptyConfAndNoSources() {
        OffsetSeq seq = new OffsetSeq(java.util.List.of(), 0L, 1L, Map.of());

        assertThat(seq.serialize()).isEqualTo("{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"conf\":{}}");
        assertThat(OffsetSeq.parse(Path.of("offsets/0"), seq.serialize())).isEqualTo(seq);
    }
}
