package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The watermark example of Spark's programming guide: word counts in 10-minute windows sliding every 5
 * minutes, with a 10-minute watermark, fed four batches of (word, event time). Each expected row below is
 * derived from Spark's rules (SEMANTICS.md):
 * <ul>
 *   <li>a batch filters late rows with the watermark of the previous batch and evicts/emits with its own;</li>
 *   <li>the watermark of a batch is max(event time seen before it) - 10 minutes;</li>
 *   <li>a window is final when {@code window.end <= watermark};</li>
 *   <li>when a batch moves the watermark, a no-data batch follows (batch ids count it).</li>
 * </ul>
 * Subclasses re-run it with another state store provider.
 */
class WatermarkTest extends StatefulTestSupport {
    @Test
    void updateModeEmitsTheUpdatedWindowsAndDropsLateRows() throws Exception {
        List<StreamingQuery> started = new ArrayList<>();
        Map<Long, List<String>> out = runGuideExample("update", started);
        assertThat(out).containsExactly(
                // batch 0 (late 0, eviction 0): dog 12:07 and owl 12:08 each fall in 12:00-12:10 and 12:05-12:15
                Map.entry(0L, List.of("12:00-12:10 dog 1", "12:00-12:10 owl 1", "12:05-12:15 dog 1",
                        "12:05-12:15 owl 1")),
                // batch 1, no data: watermark 12:08 - 10 min = 11:58 (> 0), nothing ends by 11:58
                Map.entry(1L, List.of()),
                // batch 2 (late 11:58, eviction 11:58): dog 12:14 -> 12:05-12:15, 12:10-12:20; cat 12:09 ->
                // 12:00-12:10, 12:05-12:15; only the groups the batch changed are output
                Map.entry(2L, List.of("12:00-12:10 cat 1", "12:05-12:15 cat 1", "12:05-12:15 dog 2",
                        "12:10-12:20 dog 1")),
                // batch 3, no data: watermark 12:14 - 10 = 12:04, no window ends by then
                Map.entry(3L, List.of()),
                // batch 4 (late 12:04, eviction 12:04): cat 12:15 -> 12:10-12:20, 12:15-12:25; dog 12:08 ->
                // 12:00-12:10 (2), 12:05-12:15 (3); owl 12:13 -> 12:05-12:15 (2), 12:10-12:20; owl 12:21 ->
                // 12:15-12:25, 12:20-12:30 (the 12:15-12:25 owl group gets 1 row in this batch)
                Map.entry(4L, List.of("12:00-12:10 dog 2", "12:05-12:15 dog 3", "12:05-12:15 owl 2",
                        "12:10-12:20 cat 1", "12:10-12:20 owl 1", "12:15-12:25 cat 1", "12:15-12:25 owl 1",
                        "12:20-12:30 owl 1")),
                // batch 5, no data: watermark 12:21 - 10 = 12:11 evicts the 12:00-12:10 windows (not output in
                // update mode)
                Map.entry(5L, List.of()),
                // batch 6 (late 12:11): donkey 12:04 falls only in 11:55-12:05 and 12:00-12:10, both ended by
                // 12:11, so it is dropped; owl 12:17 -> 12:10-12:20 (2), 12:15-12:25 (2). The watermark stays
                // 12:11 (max is still 12:21), so no no-data batch follows.
                Map.entry(6L, List.of("12:10-12:20 owl 2", "12:15-12:25 owl 2")));
        StreamingQuery q = started.get(0);
        StateOperatorProgress aggregation = q.lastProgress().stateOperators()[0];
        assertThat(aggregation.numRowsDroppedByWatermark()).isEqualTo(2);
        assertThat(aggregation.numRowsUpdated()).isEqualTo(2);
        // windows left: 12:05-12:15 cat/dog/owl, 12:10-12:20 cat/dog/owl, 12:15-12:25 cat/owl, 12:20-12:30 owl
        assertThat(aggregation.numRowsTotal()).isEqualTo(9);
        assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "2024-01-01T12:11:00.000Z")
                .containsEntry("min", "2024-01-01T12:04:00.000Z").containsEntry("max", "2024-01-01T12:17:00.000Z");
        assertThat(q.lastProgress().json()).contains("\"eventTime\":{\"avg\":\"2024-01-01T12:10:30.000Z\","
                + "\"max\":\"2024-01-01T12:17:00.000Z\",\"min\":\"2024-01-01T12:04:00.000Z\","
                + "\"watermark\":\"2024-01-01T12:11:00.000Z\"}").contains("\"numRowsDroppedByWatermark\":2");
        StreamingQueryProgress evicting = q.recentProgress()[5];
        assertThat(evicting.stateOperators()[0].numRowsRemoved()).isEqualTo(3);
        assertThat(evicting.eventTime()).containsOnlyKeys("watermark");
    }

    @Test
    void appendModeEmitsEachWindowOnceWhenTheWatermarkPassesItsEnd() throws Exception {
        List<StreamingQuery> started = new ArrayList<>();
        Map<Long, List<String>> out = runGuideExample("append", started);
        assertThat(out).containsExactly(
                Map.entry(0L, List.of()),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of()),
                Map.entry(3L, List.of()),
                Map.entry(4L, List.of()),
                // no-data batch 5: the watermark 12:11 passes the end of 12:00-12:10; its final counts are
                // cat 1 (12:09), dog 2 (12:07, 12:08), owl 1 (12:08)
                Map.entry(5L, List.of("12:00-12:10 cat 1", "12:00-12:10 dog 2", "12:00-12:10 owl 1")),
                // batch 6: donkey 12:04 is late (dropped, not counted into 12:00-12:10); nothing else ends
                Map.entry(6L, List.of()));
    }
}
