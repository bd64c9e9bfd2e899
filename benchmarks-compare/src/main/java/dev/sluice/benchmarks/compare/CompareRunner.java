package dev.sluice.benchmarks.compare;

import dev.sluice.testkit.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The end-to-end comparison of issue 9: runs W1-W6 on Sluice and Apache Spark (and W4 on Kafka Streams), each
 * engine and workload in a fresh JVM ({@link WorkloadMain}) with the same flags, heap and options, prints the
 * table (workload, Sluice, peer, ratio, target met) and writes it as JSON and SVG ({@link Report}). It owns the
 * shared inputs: the W1/W2 JSON files and the W4 Kafka broker (testkit's embedded KRaft broker on 127.0.0.1,
 * filled once, one output topic per engine, whose contents it compares across engines afterwards).
 * Single-threaded; exits non-zero when a run fails.
 */
@CommandLine.Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Sluice vs Apache Spark (and Kafka Streams for W4) on the same machine, same run.")
public final class CompareRunner implements Callable<Integer> {
    /** What Spark needs on Java 17 (its JavaModuleOptions); every forked JVM gets them, Sluice's too. */
    static final List<String> SPARK_JVM_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    @Mixin
    WorkloadOptions options = new WorkloadOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--workloads", split = ",", description = "which of W1,W2,W3,W4,W5,W6 (default all)")
    List<String> workloads = List.of("W1", "W2", "W3", "W4", "W5", "W6");

    @Option(names = "--startup-runs", description = "W5, W6: fresh JVMs per engine, the median counts"
            + " (default ${DEFAULT-VALUE})")
    int startupRuns = 3;

    @Option(names = "--heap", description = "-Xms/-Xmx of every forked JVM (default ${DEFAULT-VALUE})")
    String heap = "2g";

    @Option(names = "--kafka-heap", description = "W4: -Xms/-Xmx of every engine's JVM, issue 14's 1 GB"
            + " (default ${DEFAULT-VALUE})")
    String kafkaHeap = "1g";

    @Option(names = "--timeout-minutes", description = "a forked run taking longer fails (default ${DEFAULT-VALUE})")
    int timeoutMinutes = 15;

    @Option(names = "--sluice-classpath", description = "classpath of the Sluice JVMs: Sluice's own jars without"
            + " Spark's ~180, as a Sluice application runs (compare.sh sets it; default: the runner's classpath)")
    String sluiceClasspath;

    @Option(names = "--results-dir", description = "where the JSON and SVG go (default ${DEFAULT-VALUE})")
    Path resultsDir = Path.of("benchmarks", "results");

    @Option(names = "--name", description = "file name stem of the results (default compare-<UTC date>)")
    String name;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareRunner()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        List<Measurement> results = new ArrayList<>();
        for (String w : List.of("W1", "W2", "W3")) {
            if (workloads.contains(w)) {
                if (!w.equals("W3")) {
                    EventData.ensure(options);
                }
                for (String engine : List.of("sluice", "spark")) {
                    results.addAll(fork(engine, w, List.of()));
                }
            }
        }
        if (workloads.contains("W4")) {
            results.addAll(kafkaPipeline());
        }
        for (Workload startup : List.of(Workload.W5, Workload.W6)) {
            if (!workloads.contains(startup.name())) {
                continue;
            }
            for (String engine : List.of("sluice", "spark")) {
                List<Measurement> runs = new ArrayList<>();
                for (int i = 0; i < startupRuns; i++) {
                    runs.addAll(fork(engine, startup.name(), List.of()));
                }
                runs.sort(Comparator.comparingDouble(Measurement::value));
                Measurement median = runs.get(runs.size() / 2);
                results.add(new Measurement(engine, startup, median.value(), median.check(),
                        "median of " + runs.size() + " fresh JVMs " + runs.stream()
                                .map(m -> String.format("%.0f", m.value())).toList() + " ms; " + median.detail()));
            }
        }
        Report report = new Report(results, loadBefore, loadAverage(), (System.nanoTime() - started) / 1e9,
                options, String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                        .filter(arg -> !arg.startsWith("--sluice-classpath")).toList()));
        System.out.println(report.table());
        String stem = name != null ? name : "compare-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Files.createDirectories(resultsDir);
        Files.writeString(resultsDir.resolve(stem + ".json"), report.json());
        Files.writeString(resultsDir.resolve(stem + ".svg"), report.svg());
        System.out.println("wrote " + resultsDir.resolve(stem + ".json") + " and .svg");
        return report.allChecksMatch() ? 0 : 2;
    }

    private List<Measurement> kafkaPipeline() throws Exception {
        List<Measurement> results = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic(KafkaData.INVOICES, KafkaData.PARTITIONS);
            KafkaData.fillInvoices(kafka.bootstrapServers(), options.invoices);
            for (String engine : List.of("sluice", "spark", "kstreams")) {
                String topic = "items-" + engine;
                kafka.createTopic(topic, KafkaData.PARTITIONS);
                for (Measurement m : fork(engine, "W4",
                        List.of("--bootstrap-servers=" + kafka.bootstrapServers(), "--topic=" + topic))) {
                    results.add(new Measurement(m.engine(), m.workload(), m.value(),
                            KafkaData.digest(kafka.bootstrapServers(), topic), m.detail()));
                }
            }
        }
        return results;
    }

    /** Runs one workload on one engine in a fresh JVM and returns what it measured. */
    private List<Measurement> fork(String engine, String workload, List<String> extra) throws Exception {
        List<String> command = javaCommand("W4".equals(workload) ? kafkaHeap : heap, options.workDir,
                "sluice".equals(engine) && sluiceClasspath != null ? sluiceClasspath
                        : System.getProperty("java.class.path"), WorkloadMain.class);
        command.add("--engine=" + engine);
        command.add("--workload=" + workload);
        command.addAll(options.toArgs());
        command.addAll(extra);
        System.out.printf("== %s on %s (load %s)%n", workload, engine, loadAverage());
        Process process = startWatched(command, timeoutMinutes, workload + " on " + engine);
        List<Measurement> measured = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(Measurement.LINE_PREFIX)) {
                    Measurement m = Measurement.fromJson(line.substring(Measurement.LINE_PREFIX.length()));
                    System.out.printf("   %s %s: %.2f %s (%s) %s%n", m.engine(), m.workload(), m.value(),
                            m.workload().unit(), m.detail(), m.check());
                    measured.add(m);
                } else {
                    System.out.println("   | " + line);
                }
            }
        }
        if (process.waitFor() != 0 || measured.isEmpty()) {
            throw new IllegalStateException(workload + " on " + engine + " failed, exit code " + process.exitValue());
        }
        return measured;
    }

    /**
     * The command line of a forked JVM: {@code heap} as -Xms and -Xmx, UTC, a temp dir under {@code workDir},
     * Spark's JVM flags (for every engine, so all run alike), the class path and the main class.
     */
    static List<String> javaCommand(String heap, Path workDir, String classpath, Class<?> main) throws IOException {
        Path tmp = workDir.resolve("tmp").toAbsolutePath();
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-Duser.timezone=UTC");
        command.add("-Djava.io.tmpdir=" + tmp);
        command.addAll(SPARK_JVM_FLAGS);
        command.add("-cp");
        command.add(classpath);
        command.add(main.getName());
        return command;
    }

    /** Starts {@code command} (stderr inherited, stdout to read) and kills it after {@code timeoutMinutes}. */
    static Process startWatched(List<String> command, int timeoutMinutes, String what) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // Spark binds 127.0.0.1 only (it would otherwise pick the first non-loopback interface).
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    System.out.printf("%s: over %d min, killing it%n", what, timeoutMinutes);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "compare-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return process;
    }

    /** The 1/5/15-minute load averages: the box is shared, so every result records how busy it was. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
