package dev.sluice.ui;

import dev.sluice.sql.RuntimeConfig;

/**
 * The UI's settings, read once when the session starts.
 *
 * @param bindAddress {@code spark.ui.bindAddress} (Sluice extension, default {@code 127.0.0.1}: only this machine
 *     can connect; anything else, e.g. {@code 0.0.0.0}, must be set explicitly)
 * @param port {@code spark.ui.port} (default 4040; 0 picks a free port)
 * @param portRetries {@code spark.port.maxRetries} (default 16): when the port is taken, the next ones are tried,
 *     as Spark's UI does
 */
record UiSettings(String bindAddress, int port, int portRetries) {
    static final String BIND_ADDRESS = "spark.ui.bindAddress";
    static final String PORT = "spark.ui.port";
    static final String MAX_RETRIES = "spark.port.maxRetries";

    static UiSettings from(RuntimeConfig conf) {
        return new UiSettings(conf.get(BIND_ADDRESS, "127.0.0.1").trim(), intSetting(conf, PORT, 4040, 65535),
                intSetting(conf, MAX_RETRIES, 16, 1000));
    }

    private static int intSetting(RuntimeConfig conf, String key, int defaultValue, int max) {
        String text = conf.get(key, Integer.toString(defaultValue)).trim();
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(key + " must be a whole number from 0 to " + max + ", got '" + text + "'");
    }
}
