package dev.sluice.spi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each connector's {@link DataSourceProvider#warmUp()} once per JVM, on a daemon thread of its own, when the
 * provider is first resolved for a query or action. A cold JVM on a 2-core machine otherwise loads a connector's
 * classes on the query thread while the second core idles: the Parquet sink's first file costs about half of a
 * JSON-folder-to-Parquet query's start-up. A failed warm-up is logged once at WARN and changes nothing else: the
 * real read or write then loads what it needs itself and reports its own errors. Thread-safe.
 */
final class ProviderWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderWarmUp.class);
    /** Provider classes whose warm-up has started in this JVM. */
    private static final Set<Class<?>> STARTED = ConcurrentHashMap.newKeySet();

    private ProviderWarmUp() {
    }

    /** Starts {@code provider}'s warm-up unless one of its class already started in this JVM. */
    static void start(DataSourceProvider provider) {
        if (!STARTED.add(provider.getClass())) {
            return;
        }
        Thread thread = new Thread(() -> run(provider), "sluice-warm-up-" + provider.shortName());
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(DataSourceProvider provider) {
        try {
            provider.warmUp();
        } catch (Exception | LinkageError e) {
            LOG.warn("Warming up the {} connector failed; its first read or write will load what it needs itself",
                    provider.shortName(), e);
        }
    }
}
