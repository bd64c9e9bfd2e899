package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rows {@code |{start, end}|palabra|count|} of Case 5's untruncated tables. */
final class WindowRows {
    private static final Pattern ROW = Pattern.compile("\\|\\{(.+), (.+)\\}\\s*\\|(\\S+)\\s*\\|(\\d+)\\s*\\|");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private WindowRows() {
    }

    /**
     * Sums the counts of each word over all windows, checking that every window lasts {@code minutes} and
     * starts on a whole minute (the windows themselves depend on when the test runs).
     */
    static Map<String, Long> countsPerWord(List<String> rows, int minutes) {
        Map<String, Long> counts = new TreeMap<>();
        for (String row : rows) {
            Matcher m = ROW.matcher(row);
            assertThat(m.matches()).as(row).isTrue();
            LocalDateTime start = LocalDateTime.parse(m.group(1), TIME);
            LocalDateTime end = LocalDateTime.parse(m.group(2), TIME);
            assertThat(Duration.between(start, end)).as(row).isEqualTo(Duration.ofMinutes(minutes));
            assertThat(start.getSecond()).as(row).isZero();
            counts.merge(m.group(3), Long.parseLong(m.group(4)), Long::sum);
        }
        return counts;
    }

    /** The counts of each word per window, windows in order of their start (whatever the run's time). */
    static List<Map<String, Long>> countsPerWindow(List<String> rows) {
        TreeMap<String, Map<String, Long>> windows = new TreeMap<>();
        for (String row : rows) {
            Matcher m = ROW.matcher(row);
            assertThat(m.matches()).as(row).isTrue();
            windows.computeIfAbsent(m.group(1), w -> new TreeMap<>()).merge(m.group(3), Long.parseLong(m.group(4)),
                    Long::sum);
        }
        return List.copyOf(windows.values());
    }
}
