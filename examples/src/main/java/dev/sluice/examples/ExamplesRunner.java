package dev.sluice.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The examples runner: {@code list}, {@code run <case>} and {@code run all}. Each case feeds its own
 * input and ends by itself. Exit code 0 when every requested case succeeded.
 */
@Command(name = "sluice-examples", mixinStandardHelpOptions = true,
        description = "Runs the cases of the Spark Structured Streaming tutorial on Sluice.",
        subcommands = {ExamplesRunner.ListCommand.class, ExamplesRunner.RunCommand.class})
public final class ExamplesRunner implements Callable<Integer> {
    /** Every case, in tutorial order. */
    static List<TutorialCase> cases() {
        return List.of(new KafkaNotifications(), new BolsaBatch(), new BolsaStream());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExamplesRunner()).execute(args));
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
                System.out.printf("%-16s %s%n", c.name(), c.description());
            }
            return 0;
        }
    }

    /** Runs one case or all of them. */
    @Command(name = "run", description = "Runs a case by name, or 'all'.")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "case name (see 'list') or 'all'")
        String caseName;

        @CommandLine.Option(names = "--kafka", description = "bootstrap servers of your Kafka (default: an embedded"
                + " broker on 127.0.0.1)")
        String kafka;

        @Override
        public Integer call() throws Exception {
            return runCases(caseName, System.out, kafka);
        }
    }

    /** Runs {@code name} (or every case for {@code all}) printing to {@code out}; 2 for an unknown name. */
    static int runCases(String name, PrintStream out, String kafka) throws Exception {
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
        try (ExampleContext context = new ExampleContext(out, kafka)) {
            for (TutorialCase c : selected) {
                out.println("=== " + c.name() + ": " + c.description());
                c.run(context);
            }
        } finally {
            System.setOut(previous);
        }
        return 0;
    }
}
