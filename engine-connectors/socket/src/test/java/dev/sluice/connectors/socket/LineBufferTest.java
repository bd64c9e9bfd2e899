package dev.sluice.connectors.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The socket source's line buffer: offsets as a counter from a base, committed lines dropped, chunked reads. */
class LineBufferTest {
    private static List<String> values(List<Chunk> chunks) {
        List<String> out = new ArrayList<>();
        for (Chunk c : chunks) {
            for (int i = 0; i < c.rowCount(); i++) {
                out.add(c.column(0).getString(i) + (c.columnCount() > 1 ? "@" + c.column(1).getLong(i) : ""));
            }
        }
        return out;
    }

    @Test
    void linesAreNumberedAfterTheBaseAndReadByOffsetRange() {
        LineBuffer buffer = new LineBuffer(-1);
        buffer.append("a", 10);
        buffer.append("b", 20);
        buffer.append("c", 30);
        assertThat(buffer.lastOffset()).isEqualTo(2);
        assertThat(values(buffer.chunks(-1, 2, false))).containsExactly("a", "b", "c");
        assertThat(values(buffer.chunks(0, 2, true))).containsExactly("b@20", "c@30");
    }

    @Test
    void dropThroughForgetsCommittedLinesAndKeepsTheRest() {
        LineBuffer buffer = new LineBuffer(-1);
        for (int i = 0; i < 5; i++) {
            buffer.append("l" + i, i);
        }
        buffer.dropThrough(2);
        assertThat(buffer.base()).isEqualTo(2);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(values(buffer.chunks(2, 4, false))).containsExactly("l3", "l4");
        buffer.dropThrough(4);
        assertThat(buffer.size()).isZero();
        assertThat(buffer.lastOffset()).isEqualTo(4);
    }

    @Test
    void rebaseRenumbersLinesReceivedBeforeTheCheckpointWasKnown() {
        LineBuffer buffer = new LineBuffer(-1);
        buffer.append("first after restart", 1);
        buffer.rebase(41);
        assertThat(buffer.lastOffset()).isEqualTo(42);
        assertThat(values(buffer.chunks(41, 42, false))).containsExactly("first after restart");
    }

    @Test
    void manyLinesSurviveGrowingSlidingAndSplittingIntoChunks() {
        LineBuffer buffer = new LineBuffer(-1);
        int total = 3 * Chunk.DEFAULT_ROWS + 7;
        for (int i = 0; i < total; i++) {
            buffer.append(Integer.toString(i), i);
            if (i % 100 == 99) {
                buffer.dropThrough(i - 50); // keep a window, so the array both slides and grows
            }
        }
        long from = buffer.base();
        List<Chunk> chunks = buffer.chunks(from, buffer.lastOffset(), true);
        assertThat(chunks).allSatisfy(c -> assertThat(c.rowCount()).isLessThanOrEqualTo(Chunk.DEFAULT_ROWS));
        List<String> read = values(chunks);
        assertThat(read).hasSize((int) (buffer.lastOffset() - from));
        assertThat(read.get(0)).isEqualTo((from + 1) + "@" + (from + 1));
        assertThat(read.get(read.size() - 1)).isEqualTo((total - 1) + "@" + (total - 1));
    }
}
