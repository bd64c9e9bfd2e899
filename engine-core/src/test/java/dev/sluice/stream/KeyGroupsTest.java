package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.OffsetSeq;
import dev.sluice.state.StateStoreConf;
import dev.sluice.stream.state.KeyGroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State keys reach partitions through key-groups recorded in the checkpoint; checkpoints from before
 * key-groups keep the routing they were written with.
 */
class KeyGroupsTest {
    @TempDir
    Path dir;

    @Test
    void partitionsOwnContiguousRangesOfKeyGroups() {
        KeyGroups groups = new KeyGroups(128, 5);
        // every key lands in the partition that owns its key-group, and every partition gets keys
        int[] perPartition = new int[5];
        for (int i = 0; i < 10_000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            int group = groups.keyGroupOf(key);
            assertThat(group).isBetween(0, 127);
            assertThat(groups.partitionOf(key)).isEqualTo((int) ((long) group * 5 / 128));
            perPartition[groups.partitionOf(key)]++;
        }
        assertThat(Arrays.stream(perPartition).min().getAsInt()).isGreaterThan(1_000);
    }

    @Test
    void theSameKeyGroupsOverOtherPartitionCountsMoveWholeGroups() {
        KeyGroups two = new KeyGroups(128, 2);
        KeyGroups eight = new KeyGroups(128, 8);
        for (int i = 0; i < 1_000; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            assertThat(two.keyGroupOf(key)).isEqualTo(eight.keyGroupOf(key));
            // partition p of 8 is inside partition p / 4 of 2: ranges nest
            assertThat(eight.partitionOf(key) / 4).isEqualTo(two.partitionOf(key));
        }
        assertThatThrownBy(() -> new KeyGroups(128, 129)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheckpointWithoutKeyGroupsKeepsTheRoutingItWasWrittenWith() {
        KeyGroups legacy = new KeyGroups(0, 7);
        for (int i = 0; i < 1_000; i++) {
            byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            assertThat(legacy.partitionOf(key)).isEqualTo(Math.floorMod(Arrays.hashCode(key), 7));
        }
        Checkpoint checkpoint = new Checkpoint(dir);
        Map<String, String> oldConf = Map.of(ResumePoint.SHUFFLE_PARTITIONS, "7",
                StateStoreConf.PROVIDER_CLASS, StateStoreConf.DEFAULT.providerName(), WatermarkTracker.POLICY, "min");
        checkpoint.offsets().add(0, new OffsetSeq(List.of("1"), 0, 0, oldConf));
        assertThat(ResumePoint.load(checkpoint, 1, session("200")).keyGroups()).isZero();
        assertThat(ResumePoint.load(checkpoint, 1, session("200")).statePartitions()).isEqualTo(7);
    }

    @Test
    void aNewQueryRecordsItsKeyGroupsAndARestartKeepsThem() {
        Checkpoint checkpoint = new Checkpoint(dir);
        ResumePoint fresh = ResumePoint.load(checkpoint, 1, session("5"));
        assertThat(fresh.keyGroups()).isEqualTo(KeyGroups.DEFAULT);
        assertThat(ResumePoint.load(new Checkpoint(dir.resolve("wide")), 1, session("300")).keyGroups())
                .isEqualTo(300);
        checkpoint.offsets().add(0, new OffsetSeq(List.of("1"), 0, 0, fresh.queryConf()));
        assertThat(ResumePoint.load(checkpoint, 1, session("9")).keyGroups()).isEqualTo(KeyGroups.DEFAULT);
    }

    @Test
    void aRestartOfACommittedCheckpointWithKeyGroupsFollowsTheSessionsPartitions() {
        Checkpoint checkpoint = new Checkpoint(dir);
        ResumePoint fresh = ResumePoint.load(checkpoint, 1, session("5"));
        checkpoint.offsets().add(0, new OffsetSeq(List.of("1"), 0, 0, fresh.queryConf()));
        checkpoint.commits().add(0, new dev.sluice.checkpoint.CommitEntry(0));
        ResumePoint rescaled = ResumePoint.load(checkpoint, 1, session("8"));
        assertThat(rescaled.statePartitions()).isEqualTo(8);
        assertThat(rescaled.previousPartitions()).isEqualTo(5);
        // at most one partition per key-group
        assertThat(ResumePoint.load(checkpoint, 1, session("500")).statePartitions()).isEqualTo(KeyGroups.DEFAULT);
        // a session that leaves the setting at its default keeps the recorded count, as Spark
        ResumePoint unset = ResumePoint.load(checkpoint, 1, session("200"), false);
        assertThat(unset.statePartitions()).isEqualTo(5);
        assertThat(unset.previousPartitions()).isEqualTo(5);
    }

    @Test
    void aBatchReRunAfterACrashKeepsThePartitionsItWasPlannedWith() {
        Checkpoint checkpoint = new Checkpoint(dir);
        Map<String, String> five = new HashMap<>(ResumePoint.load(checkpoint, 1, session("5")).queryConf());
        checkpoint.offsets().add(0, new OffsetSeq(List.of("1"), 0, 0, five));
        checkpoint.commits().add(0, new dev.sluice.checkpoint.CommitEntry(0));
        Map<String, String> eight = new HashMap<>(five);
        eight.put(ResumePoint.SHUFFLE_PARTITIONS, "8");
        checkpoint.offsets().add(1, new OffsetSeq(List.of("2"), 0, 0, eight));
        ResumePoint rerun = ResumePoint.load(checkpoint, 1, session("1"));
        assertThat(rerun.pendingRerun()).isTrue();
        assertThat(rerun.statePartitions()).isEqualTo(8);
        assertThat(rerun.previousPartitions()).isEqualTo(5);
    }

    @Test
    void aCommittedCheckpointWithoutKeyGroupsStaysPinnedAsInSpark() {
        Checkpoint checkpoint = new Checkpoint(dir);
        Map<String, String> oldConf = Map.of(ResumePoint.SHUFFLE_PARTITIONS, "7",
                StateStoreConf.PROVIDER_CLASS, StateStoreConf.DEFAULT.providerName(), WatermarkTracker.POLICY, "min");
        checkpoint.offsets().add(0, new OffsetSeq(List.of("1"), 0, 0, oldConf));
        checkpoint.commits().add(0, new dev.sluice.checkpoint.CommitEntry(0));
        ResumePoint pinned = ResumePoint.load(checkpoint, 1, session("200"));
        assertThat(pinned.statePartitions()).isEqualTo(7);
        assertThat(pinned.previousPartitions()).isEqualTo(7);
    }

    private static Map<String, String> session(String shufflePartitions) {
        Map<String, String> conf = new HashMap<>();
        conf.put(ResumePoint.SHUFFLE_PARTITIONS, shufflePartitions);
        conf.put(StateStoreConf.PROVIDER_CLASS, StateStoreConf.DEFAULT.providerName());
        conf.put(WatermarkTracker.POLICY, "min");
        return conf;
    }
}
