package dev.sluice.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Named metrics observed on a Dataset, as Spark's {@code org.apache.spark.sql.Observation}: pass it to
 * {@code Dataset.observe(observation, exprs...)}; once the first action on the observed Dataset has completed,
 * {@link #get()} returns the metrics by name (in the order of the expressions); before that it blocks. An
 * observation serves one Dataset. Thread-safe.
 */
public class Observation {
    private final String name;
    private final CompletableFuture<Map<String, Object>> metrics = new CompletableFuture<>();
    private volatile boolean registered;

    /** An observation with a random name. */
    public Observation() {
        this(UUID.randomUUID().toString());
    }

    /**
     * @throws IllegalArgumentException Spark's {@code requirement failed: Name must not be empty} for ""
     */
    public Observation(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("requirement failed: Name must not be empty");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The metrics of the first completed action, by name; waits for that action if needed. */
    public Map<String, Object> get() throws InterruptedException {
        try {
            return metrics.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@link #get()} (Spark's Java-friendly form; Sluice's {@code get()} is a Java map already). */
    public Map<String, Object> getAsJava() throws InterruptedException {
        return get();
    }

    /** Marks this observation as used by a Dataset (Spark allows one). */
    synchronized void register() {
        if (registered) {
            throw new IllegalArgumentException("An Observation can be used with a Dataset only once");
        }
        registered = true;
    }

    /** Completes with the first metrics delivered; later ones are ignored, as Spark's. */
    void complete(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            values.put(row.schema().apply(i).name(), row.get(i));
        }
        metrics.complete(Collections.unmodifiableMap(values));
    }
}
