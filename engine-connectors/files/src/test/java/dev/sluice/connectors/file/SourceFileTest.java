package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.file.FileListing.SourceFile;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** {@link SourceFile}'s written-out equals/hashCode keep a record's meaning: equal exactly when every component is. */
class SourceFileTest {
    @Test
    void equalExactlyWhenEveryComponentIs() {
        Map<String, String> partition = new HashMap<>();
        partition.put("day", null);
        SourceFile file = new SourceFile(new Path("file:/t/day=__HIVE_DEFAULT_PARTITION__/a.json"), 10, 20, partition);
        SourceFile same = new SourceFile(new Path("file:/t/day=__HIVE_DEFAULT_PARTITION__/a.json"), 10, 20,
                new HashMap<>(partition));
        assertThat(same).isEqualTo(file).hasSameHashCodeAs(file);
        assertThat(new SourceFile(null, 1, 2, null)).isEqualTo(new SourceFile(null, 1, 2, null))
                .hasSameHashCodeAs(new SourceFile(null, 1, 2, null));

        for (SourceFile other : List.of(new SourceFile(new Path("file:/t/b.json"), 10, 20, partition),
                new SourceFile(file.path(), 11, 20, partition), new SourceFile(file.path(), 10, 21, partition),
                new SourceFile(file.path(), 10, 20, Map.of("day", "1")), new SourceFile(file.path(), 10, 20, null))) {
            assertThat(other).isNotEqualTo(file);
            assertThat(file).isNotEqualTo(other);
        }
        assertThat(file).isNotEqualTo("file:/t/a.json");
        assertThat(new LinkedHashSet<>(List.of(file, same, new SourceFile(file.path(), 11, 20, partition)))).hasSize(2);
    }
}
