package dev.sluice.examples;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.DataSources;
import dev.sluice.spi.DataSources;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The examples runner: {@code list}, {@code run <case>} and {@code run all}. Each case feeds its own input
 * and ends by itself, or keeps feeding until Ctrl-C with {@code --follow}. Kafka and MariaDB are embedded
 * unless {@code --kafka} / {@code --jdbc-url} name the user's servers. Exit code 0 when every requested case
 * succeeded (or was skipped in {@code run all} because its connector is not in this build), 2 for an unknown
 * case, 3 when the one requested case had to be skipped.
 */
@Command(name = "sluice-examples", mixinStandardHelpOptions = true,
        description = "Runs the cases of the Spark Structured Streaming tutorial on Sluice.",
        subcommands = {ExamplesRunner.ListCommand.class, ExamplesRunner.RunCommand.class})
public final class ExamplesRunner implements Callable<Integer> {
    /** Every case, in tutorial order. */
    static List<TutorialCase> cases() {
        return List.of(new SocketWordCount(), new InvoiceFiles(), new KafkaToFiles(), new KafkaNotifications(),
                new OneReaderTwoWriters(), new Bizums(), new SocketWindows(), new BolsaStream(), new BolsaBatch(),
                new KafkaJoinMariaDb(), new LoginWindows(), new Deduplication());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExamplesRunner()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Lists the cases. */
    @Command(name = "list", description = "Lists the tutorial cases.")
    static final class ListCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            for (TutorialCase c : cases()) {
                System.out.printf("%-22s %s%n", c.name(), c.description());
            }
            return 0;
        }
    }

    /** Runs one case or all of them. */
    @Command(name = "run", description = "Runs a case by name, or 'all'.")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "case name (see 'list') or 'all'")
        String caseName;

        @Option(names = "--kafka", paramLabel = "HOST:PORT",
                description = "bootstrap servers of your Kafka (default: an embedded broker on 127.0.0.1)")
        String kafka;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "JDBC URL of your MariaDB/MySQL database for"
                + " Case 8, e.g. jdbc:mariadb://localhost:3306/spark (default: an embedded MariaDB on 127.0.0.1)")
        String jdbcUrl;

        @Option(names = "--jdbc-user", description = "user for --jdbc-url")
        String jdbcUser;

        @Option(names = "--jdbc-password", arity = "0..1", interactive = true,
                description = "password for --jdbc-url (asked for when given without a value)")
        String jdbcPassword;

        @Option(names = "--log-level", paramLabel = "LEVEL", description = "level of Sluice's loggers (dev.sluice.*):"
                + " trace, debug, info, warn (default), error or off; info shows each query start and end, debug"
                + " one line per batch")
        LogLevel logLevel;

        @Option(names = "--ui", description = "start the web UI of each case's session on http://127.0.0.1:4040/"
                + " (spark.ui.enabled); with --follow it stays up until Ctrl-C")
        boolean ui;

        @Option(names = "--follow", description = "keep feeding generated input (or the lines you type, for the"
                + " socket cases) until Ctrl-C instead of ending by itself")
        boolean follow;

        @Override
        public Integer call() throws Exception {
            if (logLevel != null) {
                System.setProperty(SIMPLE_LOGGER_SLUICE_LEVEL, logLevel.name().toLowerCase(java.util.Locale.ROOT));
            }
            // Sessions take spark.* system properties as defaults, as Spark's SparkConf: the cases build their own.
            // The progress bars of AvailableNow file runs show only on a terminal (see ConsoleProgressPlugin).
            System.setProperty("spark.ui.showConsoleProgress", "true");
            if (ui) {
                System.setProperty("spark.ui.enabled", "true");
            }
            ExampleContext.Options options = new ExampleContext.Options(kafka, jdbcUrl, jdbcUser, jdbcPassword, follow,
                    System.in);
            CountDownLatch finished = new CountDownLatch(1);
            ExampleContext context = new ExampleContext(System.out, options);
            // Ctrl-C: end the --follow loop, then wait while the case stops its queries and the work folder goes.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.requestStop();
                try {
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sluice-examples-shutdown"));
            try {
                return runCases(caseName, context);
            } finally {
                try {
                    context.close();
                } finally {
                    finished.countDown();
                }
            }
        }
    }

    /** The SLF4J binding of the examples (slf4j-simple) reads this before the first logger is made. */
    static final String SIMPLE_LOGGER_SLUICE_LEVEL = "org.slf4j.simpleLogger.log.dev.sluice";

    /** The levels of {@code --log-level}; setting one must come before the engine makes its first logger
     * (slf4j-simple reads its settings once), which is why it is the first thing {@code run} does. */
    enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

    /**
     * Runs {@code name} (or every case for {@code all}) with {@code context}, printing to its output; 2 for
     * an unknown name, 3 when the requested case cannot run in this build.
     */
    static int runCases(String name, ExampleContext context) throws Exception {
        PrintStream out = context.out();
        List<TutorialCase> selected = name.equals("all") ? cases()
                : cases().stream().filter(c -> c.name().equals(name)).toList();
        if (selected.isEmpty()) {
            out.println("Unknown case '" + name + "'. Known cases: "
                    + String.join(", ", cases().stream().map(TutorialCase::name).toList()) + ", all");
            return 2;
        }
        // The console sink prints to System.out, as Spark's: send it where the caller reads.
        PrintStream previous = System.out;
        System.setOut(out);
        int code = 0;
        try {
            for (TutorialCase c : selected) {
                out.println("=== " + c.name() + ": " + c.description());
                Optional<String> missing = missingFormat(c);
                if (missing.isPresent()) {
                    out.println("(skipped: the '" + missing.get() + "' connector is not in this build)");
                    code = name.equals("all") ? code : 3;
                    continue;
                }
                try {
                    c.run(context);
                } finally {
                    // Each case gets a fresh session: stop the one it made, and any query it left running.
                    SluiceSession.getActiveSession().ifPresent(SluiceSession::stop);
                }
                if (context.stopRequested()) {
                    break;
                }
            }
        } finally {
            System.setOut(previous);
        }
        return code;
    }

    /** The first format {@code c} needs that neither a streaming nor a batch provider offers. */
    static Optional<String> missingFormat(TutorialCase c) {
        for (String format : c.requiredFormats()) {
            if (!available(format)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    private static boolean available(String format) {
        try {
            DataSources.streaming(format);
            return true;
        } catch (AnalysisException streamingMissing) {
            try {
                DataSources.batch(format);
                return true;
            } catch (AnalysisException batchMissing) {
                return false;
            }
        }
    }
}
