package dev.sluice.examples;

import java.util.List;

/**
 * One case of the tutorial (../shared/seed/spark-streaming-tutorial.es.md) ported to Sluice. A case prints what
 * it does, feeds its own input, prints its results, stops its queries and ends by itself (or, with
 * {@code --follow}, keeps feeding until Ctrl-C). Implementations are stateless; the runner calls {@link #run}
 * from one thread.
 */
public interface TutorialCase {
    /** Short name used on the command line, e.g. {@code bolsa-batch}. */
    String name();

    /** One line shown by {@code list}: which case or activity of the tutorial, and what it does. */
    String description();

    /**
     * The data source formats (short names, as in {@code format("socket")}) the case needs; the runner skips the
     * case, saying why, when one of them is not on the class path.
     */
    default List<String> requiredFormats() {
        return List.of();
    }

    /** Runs the case to completion, writing everything the user should see to {@code context.out()}. */
    void run(ExampleContext context) throws Exception;
}
