package dev.sluice.examples;

import java.io.PrintStream;

/**
 * One case of the tutorial (../shared/seed/spark-streaming-tutorial.es.md) ported to Sluice. A case feeds
 * its own input, prints what it does and its results to {@code out}, and ends by itself.
 */
public interface TutorialCase {
    /** Short name used on the command line, e.g. {@code bolsa-batch}. */
    String name();

    /** One line shown by {@code list}. */
    String description();

    /** Runs the case to completion, writing everything the user should see to {@code out}. */
    void run(PrintStream out) throws Exception;
}
