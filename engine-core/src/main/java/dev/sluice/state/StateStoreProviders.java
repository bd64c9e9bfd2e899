package dev.sluice.state;

import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Finds a {@link StateStoreProvider} by short name ({@code hdfs}, {@code memory}, {@code rocksdb}) or class
 * name, as {@code spark.sql.streaming.stateStore.providerClass}. Providers in other modules register with
 * {@link java.util.ServiceLoader} through {@link Factory}.
 */
public final class StateStoreProviders {
    private StateStoreProviders() {
    }

    /** A named provider factory, registered in {@code META-INF/services/dev.sluice.state.StateStoreProviders$Factory}. */
    public interface Factory {
        /** Names this factory answers to (lower case), including Spark's provider class names. */
        java.util.Set<String> names();

        StateStoreProvider create();
    }

    /** A new, uninitialised provider for {@code name}. */
    public static StateStoreProvider create(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("hdfs") || key.equals("memory")
                || key.equals("org.apache.spark.sql.execution.streaming.state.hdfsbackedstatestoreprovider")
                || key.equals(InMemoryStateStoreProvider.class.getName().toLowerCase(Locale.ROOT))) {
            return new InMemoryStateStoreProvider();
        }
        for (Factory factory : ServiceLoader.load(Factory.class)) {
            if (factory.names().contains(key)) {
                return factory.create();
            }
        }
        throw new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE.REQUIREMENT", "The value '"
                + dev.sluice.conf.OptionValues.shown(StateStoreConf.PROVIDER_CLASS, name) + "' in the config \""
                + StateStoreConf.PROVIDER_CLASS + "\" is invalid. Unknown state store provider: set it to hdfs or"
                + " rocksdb (rocksdb needs the engine-state module).", "22022");
    }
}
