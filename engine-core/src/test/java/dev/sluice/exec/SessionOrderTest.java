package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionOperator#sortedRows}: the packed primitive sort gives exactly the order of the stable comparator
 * sort it replaced (group, then time, ties in row order), for small and wide ranges of groups and times, with
 * duplicates, negative times and rows left out; ranges too wide to pack take the comparator.
 */
class SessionOrderTest {
    @Test
    void packedSortEqualsTheStableComparatorSort() {
        Random random = new Random(5);
        for (int round = 0; round < 400; round++) {
            int n = random.nextInt(3_000);
            int groupCount = 1 + random.nextInt(round % 3 == 0 ? 3 : 5_000);
            long timeRange = switch (round % 4) {
                case 0 -> 10;
                case 1 -> 30_000_000L;
                case 2 -> 1L << 40;
                default -> Long.MAX_VALUE; // never packs: the comparator path compared with itself and the spec
            };
            int[] groups = new int[Math.max(n, 1)];
            long[] times = new long[Math.max(n, 1)];
            int[] kept = new int[n];
            int count = 0;
            long base = random.nextLong() >> 8;
            for (int i = 0; i < n; i++) {
                groups[i] = random.nextInt(groupCount);
                times[i] = timeRange == Long.MAX_VALUE ? random.nextLong()
                        : base + (long) (random.nextDouble() * timeRange) - timeRange / 2;
                if (random.nextInt(10) != 0) {
                    kept[count++] = i;
                }
            }
            int[] fast = SessionOperator.sortedRows(groups, times, kept, count, false);
            int[] general = SessionOperator.sortedRows(groups, times, kept, count, true);
            assertThat(fast).as("round %d", round).containsExactly(general);
            for (int k = 1; k < count; k++) { // and the order itself, by hand: (group, time, row)
                int a = fast[k - 1];
                int b = fast[k];
                boolean ordered = groups[a] < groups[b] || groups[a] == groups[b]
                        && (times[a] < times[b] || times[a] == times[b] && a < b);
                assertThat(ordered).as("round %d at %d", round, k).isTrue();
            }
        }
    }
}
