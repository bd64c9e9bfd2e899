package dev.sluice.spi;

import dev.sluice.sql.AnalysisException;
import java.util.Locale;
import java.util.Map;

/**
 * Which Maven artifact registers each connector format, for Spark's {@code DATA_SOURCE_NOT_FOUND} error: a user who
 * asks for {@code format("kafka")} without {@code dev.sluice:connector-kafka} on the class path is told which
 * artifact to add, not only that the name is unknown. Stateless and thread-safe.
 */
public final class ConnectorArtifacts {
    /** Format short name to the artifact whose ServiceLoader files register it. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "text", "connector-files", "csv", "connector-files", "json", "connector-files",
            "parquet", "connector-parquet",
            "kafka", "connector-kafka",
            "jdbc", "connector-jdbc",
            "socket", "connector-socket");

    /** The group of every Sluice artifact. */
    public static final String GROUP_ID = "dev.sluice";

    private ConnectorArtifacts() {
    }

    /**
     * The artifact id that provides {@code format} (a short name, or a class of package
     * {@code dev.sluice.connectors.<family>}), or {@code null} when no Sluice artifact does.
     */
    public static String artifactFor(String format) {
        String name = format.toLowerCase(Locale.ROOT);
        String artifact = ARTIFACTS.get(name);
        if (artifact == null && name.startsWith("dev.sluice.connectors.")) {
            String family = name.substring("dev.sluice.connectors.".length()).split("\\.")[0];
            artifact = ARTIFACTS.get("file".equals(family) ? "json" : family);
        }
        return artifact;
    }

    /**
     * Spark's {@code DATA_SOURCE_NOT_FOUND} for {@code format}, naming the artifact to add when a Sluice connector
     * provides that format.
     */
    public static AnalysisException dataSourceNotFound(String format) {
        String artifact = artifactFor(format);
        String hint = artifact == null ? "" : " The format " + format + " is provided by the artifact " + GROUP_ID + ":"
                + artifact + "; add it to the application's dependencies.";
        return new AnalysisException("DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format
                + ". Make sure the provider name is correct and the package is properly registered and"
                + " compatible with your Spark version." + hint, "42K02");
    }
}
