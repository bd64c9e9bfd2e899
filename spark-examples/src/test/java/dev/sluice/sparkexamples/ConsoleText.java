package dev.sluice.sparkexamples;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may differ between a case's console text on Spark and on Sluice, each rule named; everything else must be
 * the same, byte for byte. Stateless.
 */
final class ConsoleText {
    /** Ports the line server and the embedded brokers chose for this run. */
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    /** The temporary work folder of this run. */
    private static final Pattern WORK_DIR = Pattern.compile("/tmp/sluice-examples-\\d+");
    /** Progress fields that are measurements or identities of the run (names and layout must still match). */
    private static final Pattern PROGRESS_MEASUREMENT = Pattern.compile("^(\\s*\"(?:id|runId|timestamp)\" : )\".*\"(,?)$"
            + "|^(\\s*\"(?:batchDuration|inputRowsPerSecond|processedRowsPerSecond|addBatch|commitOffsets|getBatch"
            + "|latestOffset|queryPlanning|triggerExecution|walCommit)\" : )[0-9.E-]+(,?)$");
    /** The two bounds of an event-time window printed by a socket case: the wall-clock time of the run. */
    private static final Pattern WALL_CLOCK_WINDOW = Pattern.compile(
            "\\{\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\}");

    /** Cases whose queries leave the row order inside a printed table to the engine (no orderBy on it). */
    static final Set<String> UNORDERED = Set.of("word-count", "windows", "login-windows");
    /** Cases fed by the socket source, whose window bounds are the run's wall-clock time. */
    static final Set<String> SOCKET = Set.of("word-count", "windows");

    private ConsoleText() {
    }

    /**
     * {@code text} with the named differences taken out:
     * <ul>
     *   <li>ports and the temporary folder of the run;</li>
     *   <li>progress fields that measure the run (durations, rates, timestamps, ids);</li>
     *   <li>the lines of {@code explain()}'s plan: each engine prints its own physical plan;</li>
     *   <li>{@link #UNORDERED} cases: the order of rows inside a table;</li>
     *   <li>{@link #SOCKET} cases: window bounds (wall-clock time), batch numbers and batches that printed an
     *       empty table: Spark's socket source starts at offset -1, so a new query's first trigger runs an empty
     *       batch 0 and every later batch is one number higher than Sluice's, whose socket source starts with no
     *       offset.</li>
     * </ul>
     */
    static String normalize(String text, String caseName) {
        List<String> lines = new ArrayList<>();
        boolean inPlan = false;
        for (String line : text.split("\n", -1)) {
            if (line.equals("== Physical Plan ==")) {
                inPlan = true;
                lines.add(line);
                continue;
            }
            if (inPlan) {
                if (!line.isEmpty()) {
                    continue;
                }
                inPlan = false;
            }
            String l = PORT.matcher(line).replaceAll("127.0.0.1:PORT");
            l = WORK_DIR.matcher(l).replaceAll("WORK");
            l = PROGRESS_MEASUREMENT.matcher(l).replaceAll("$1$3<measured>$2$4");
            if (SOCKET.contains(caseName)) {
                l = WALL_CLOCK_WINDOW.matcher(l).replaceAll("{<window of the run>}");
                l = l.replaceFirst("^Batch: \\d+$", "Batch: <n>");
            }
            lines.add(l);
        }
        if (UNORDERED.contains(caseName)) {
            sortTableRows(lines);
        }
        if (SOCKET.contains(caseName)) {
            dropEmptyBatches(lines);
        }
        return String.join("\n", lines);
    }

    /** Sorts the data rows between a table's header separator and its closing separator. */
    private static void sortTableRows(List<String> lines) {
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).startsWith("+-") && i + 2 < lines.size() && lines.get(i + 2).startsWith("+-")) {
                int from = i + 3;
                int to = from;
                while (to < lines.size() && lines.get(to).startsWith("|")) {
                    to++;
                }
                lines.subList(from, to).sort(null);
                i = to + 1;
            } else {
                i++;
            }
        }
    }

    /** Removes {@code ---/Batch: <n>/---} blocks whose table has no rows (with the empty line after them). */
    private static void dropEmptyBatches(List<String> lines) {
        for (int i = 0; i + 7 < lines.size(); i++) {
            boolean emptyBatch = lines.get(i).startsWith("-----") && lines.get(i + 1).equals("Batch: <n>")
                    && lines.get(i + 3).startsWith("+-") && lines.get(i + 5).startsWith("+-")
                    && lines.get(i + 6).startsWith("+-") && lines.get(i + 7).isEmpty();
            if (emptyBatch) {
                lines.subList(i, i + 8).clear();
                i--;
            }
        }
    }
}
