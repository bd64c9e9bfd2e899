package dev.sluice.examples;

/**
 * One case of the tutorial (../shared/seed/spark-streaming-tutorial.es.md) ported to Sluice. A case feeds
 * its own input, prints what it does and its results, and ends by itself.
 */
public interface TutorialCase {
    /** Short name used on the command line, e.g. {@code bolsa-batch}. */
    String name();

    /** One line shown by {@code list}. */
    String description();

    /** Runs the case to completion, writing everything the user should see to {@code context.out()}. */
    void run(ExampleContext context) throws Exception;
}
