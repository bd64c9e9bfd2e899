package dev.sluice.connectors.socket;

import dev.sluice.conf.OptionValues;
import dev.sluice.spi.Options;
import dev.sluice.sql.AnalysisException;
import java.util.Map;

/**
 * The options of {@code format("socket")}, checked when the query is defined, with Spark's errors: {@code host}
 * and {@code port} are required, {@code includeTimestamp} is {@code true} or {@code false}. Sluice adds
 * {@code failOnDataLoss} (default {@code true}, as the Kafka source's): whether a restart that would need lines
 * an earlier run received fails, or runs that batch without them. Spark's {@code numPartitions} is accepted
 * and has no effect (a batch's lines stay in arrival order). Immutable.
 *
 * @param host             the server to connect to
 * @param port             its TCP port
 * @param includeTimestamp whether rows get a {@code timestamp} column (the time the line arrived)
 * @param failOnDataLoss   whether lines lost by a restart fail the query
 */
record SocketSourceOptions(String host, int port, boolean includeTimestamp, boolean failOnDataLoss) {
    /** Reads and checks {@code options} (keys case-insensitive). */
    static SocketSourceOptions parse(Map<String, String> options) {
        String host = Options.get(options, "host", null);
        if (host == null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1295", "Set a host to read from with option(\"host\", ...).",
                    null);
        }
        String port = Options.get(options, "port", null);
        if (port == null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1296", "Set a port to read from with option(\"port\", ...).",
                    null);
        }
        Boolean includeTimestamp = parseBoolean(Options.get(options, "includeTimestamp", "false"));
        if (includeTimestamp == null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1297",
                    "includeTimestamp must be set to either \"true\" or \"false\"", null);
        }
        String failText = Options.get(options, "failOnDataLoss", "true");
        Boolean failOnDataLoss = parseBoolean(failText);
        if (failOnDataLoss == null) {
            throw OptionValues.refused("failOnDataLoss", "Invalid value " + OptionValues.quoted("failOnDataLoss",
                    failText) + ". The option 'failOnDataLoss' must be either \"true\" or \"false\"", null);
        }
        return new SocketSourceOptions(host, parsePort(port), includeTimestamp, failOnDataLoss);
    }

    /** {@code host:port}, for messages. */
    String address() {
        return host + ":" + port;
    }

    private static int parsePort(String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            // Spark fails with the bare NumberFormatException of Integer.parseInt; Sluice names the option.
            throw OptionValues.refused("port", "For input string: \"" + OptionValues.shown("port", text)
                    + "\" (the option 'port' must be an integer)", e);
        }
        if (port < 0 || port > 65535) {
            throw OptionValues.refused("port", "port out of range:" + port + " (the option 'port' must be between 0"
                    + " and 65535)", null);
        }
        return port;
    }

    /** Spark's {@code getBoolean}: {@code true}/{@code false} in any case; null for anything else. */
    private static Boolean parseBoolean(String text) {
        if ("true".equalsIgnoreCase(text.trim())) {
            return Boolean.TRUE;
        }
        return "false".equalsIgnoreCase(text.trim()) ? Boolean.FALSE : null;
    }
}
