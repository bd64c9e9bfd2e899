package dev.sluice.benchmarks.compare;

import dev.sluice.nexmark.NexmarkConfig;
import dev.sluice.nexmark.NexmarkGenerator;
import dev.sluice.nexmark.NexmarkQuery;
import dev.sluice.nexmark.NexmarkReference;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Nexmark on Sluice and Apache Spark side by side (issue 20): writes the events once as files
 * ({@link NexmarkData}), computes each query's expected output in plain Java ({@link NexmarkReference}), runs each
 * query on each engine in a fresh JVM ({@link NexmarkMain}, Spark {@code local[2]}, same heap and flags), prints the
 * table (events/s, events per CPU-second, ratio, same result) and writes it as JSON and SVG
 * ({@link NexmarkReport}); {@code --latency} adds Sluice's event→output latency for q0, q5 and q7, per trigger ({@code --trigger}). Single-threaded;
 * exits 2 when an engine's output differs from the reference.
 */
@CommandLine.Command(name = "nexmark", mixinStandardHelpOptions = true,
        description = "Nexmark on Sluice and Apache Spark, same events, same SQL text.")
public final class NexmarkRunner implements Callable<Integer> {
    @Option(names = "--events", description = "events in the stream (default ${DEFAULT-VALUE})")
    long events = 2_000_000;

    @Option(names = "--queries", split = ",", description = "which queries (default all: q0,q1,q2,q3,q5,q7,q8,q9,"
            + "q11,q12)")
    List<String> queries = List.of();

    @Option(names = "--rate", description = "event time: events per second (default ${DEFAULT-VALUE})")
    long rate = 10_000;

    @Option(names = "--seed", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--files", description = "how many files hold the events (default ${DEFAULT-VALUE})")
    int files = 20;

    @Option(names = "--files-per-trigger", description = "maxFilesPerTrigger of both engines (default"
            + " ${DEFAULT-VALUE})")
    int filesPerTrigger = 5;

    @Option(names = "--format", description = "parquet or json (default ${DEFAULT-VALUE})")
    String format = "parquet";

    @Option(names = "--engines", split = ",", description = "(default sluice,spark)")
    List<String> engines = List.of("sluice", "spark");

    @Option(names = "--latency", description = "also run the latency mode (Sluice, q0/q5/q7)")
    boolean latency;

    @Option(names = "--latency-rate", description = "latency mode: events per second (default ${DEFAULT-VALUE})")
    long latencyRate = 10_000;

    @Option(names = "--latency-seconds", description = "latency mode: seconds per query (default ${DEFAULT-VALUE})")
    int latencySeconds = 45;

    @Option(names = "--trigger", split = ",", description = "latency mode: realtime (Trigger.RealTime, 5 s epochs),"
            + " microbatch (the default trigger), or both, one row each (default ${DEFAULT-VALUE})")
    List<String> triggers = List.of("realtime", "microbatch");

    @Option(names = "--heap", description = "-Xms/-Xmx of every forked JVM (default ${DEFAULT-VALUE})")
    String heap = "2g";

    @Option(names = "--timeout-minutes", description = "a forked run taking longer fails (default ${DEFAULT-VALUE})")
    int timeoutMinutes = 20;

    @Option(names = "--work-dir", description = "event files, checkpoints (default ${DEFAULT-VALUE})")
    Path workDir = Path.of("target", "nexmark-work");

    @Option(names = "--sluice-classpath", description = "classpath of the Sluice JVMs (nexmark.sh sets it; default:"
            + " the runner's)")
    String sluiceClasspath;

    @Option(names = "--results-dir", description = "where the JSON and SVG go (default ${DEFAULT-VALUE})")
    Path resultsDir = Path.of("benchmarks", "results");

    @Option(names = "--name", description = "file name stem of the results (default nexmark-<UTC date>)")
    String name;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NexmarkRunner()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<NexmarkQuery> selected = NexmarkQuery.parse(queries);
        String loadBefore = CompareRunner.loadAverage();
        long started = System.nanoTime();
        NexmarkConfig config = NexmarkConfig.defaults().withSeed(seed).withEventsPerSecond(rate);
        System.out.printf("== writing %,d events as %s (load %s)%n", events, format, loadBefore);
        Path input = NexmarkData.ensure(workDir, config, events, files, format);
        System.out.printf("== plain-Java reference of %d queries%n", selected.size());
        NexmarkReference reference = new NexmarkReference(new NexmarkGenerator(config), events);
        Map<NexmarkQuery, String> expected = new LinkedHashMap<>();
        for (NexmarkQuery q : selected) {
            expected.put(q, reference.expected(q).toString());
        }
        reference = null; // the reference holds every event: free it before the runs
        List<NexmarkResult> results = new ArrayList<>();
        for (NexmarkQuery q : selected) {
            for (String engine : engines) {
                results.add(fork(engine, q, List.of("--input=" + input, "--format=" + format, "--events=" + events,
                        "--files-per-trigger=" + filesPerTrigger)));
            }
        }
        if (latency) {
            for (NexmarkQuery q : List.of(NexmarkQuery.Q0, NexmarkQuery.Q5, NexmarkQuery.Q7)) {
                for (String trigger : triggers) {
                    results.add(fork("sluice", q, List.of("--mode=latency", "--trigger=" + trigger,
                            "--rate=" + latencyRate, "--latency-seconds=" + latencySeconds)));
                }
            }
        }
        NexmarkReport report = new NexmarkReport(results, expected, loadBefore, CompareRunner.loadAverage(),
                (System.nanoTime() - started) / 1e9, String.format("events=%d rate=%d seed=%d files=%d"
                        + " filesPerTrigger=%d format=%s heap=%s", events, rate, seed, files, filesPerTrigger, format,
                        heap));
        System.out.println(report.table());
        String stem = name != null ? name : "nexmark-" + LocalDate.now(ZoneOffset.UTC);
        Files.createDirectories(resultsDir);
        Files.writeString(resultsDir.resolve(stem + ".json"), report.json());
        Files.writeString(resultsDir.resolve(stem + ".svg"), report.svg());
        System.out.println("wrote " + resultsDir.resolve(stem + ".json") + " and .svg");
        return report.allMatch() ? 0 : 2;
    }

    private NexmarkResult fork(String engine, NexmarkQuery q, List<String> extra) throws Exception {
        List<String> command = CompareRunner.javaCommand(heap, workDir,
                "sluice".equals(engine) && sluiceClasspath != null ? sluiceClasspath
                        : System.getProperty("java.class.path"), NexmarkMain.class);
        command.add("--engine=" + engine);
        command.add("--query=" + q.id());
        command.add("--work-dir=" + workDir.toAbsolutePath());
        command.addAll(extra);
        System.out.printf("== %s on %s %s (load %s)%n", q.id(), engine, extra.contains("--mode=latency")
                ? "latency (" + extra.get(1) + ")" : "throughput", CompareRunner.loadAverage());
        Process process = CompareRunner.startWatched(command, timeoutMinutes, q.id() + " on " + engine);
        NexmarkResult result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(NexmarkResult.LINE_PREFIX)) {
                    result = NexmarkResult.fromJson(line.substring(NexmarkResult.LINE_PREFIX.length()));
                    System.out.printf("   %s %s %s: %s %s%n", result.engine(), result.query(), result.mode(),
                            result.detail(), result.check());
                } else {
                    System.out.println("   | " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            // Recorded, not thrown: one engine refusing a query must not hide the other queries' figures.
            System.out.printf("   %s on %s FAILED, exit code %d (its stderr is above)%n", q.id(), engine, exit);
            return new NexmarkResult(engine, q.id(), extra.contains("--mode=latency")
                    ? "latency-" + extra.stream().filter(a -> a.startsWith("--trigger=")).findFirst().orElse("=?")
                            .split("=")[1] : "throughput", 0, 0, 0, "FAILED (exit " + exit + ")", 0, 0, "failed");
        }
        return result;
    }
}
