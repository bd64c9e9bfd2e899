package dev.sluice.connectors.jdbc;

import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.spi.StreamingProvider;

/**
 * {@code writeStream().format("jdbc")}: the exactly-once {@link JdbcStreamingSink} (a Sluice extension; Spark
 * has no streaming JDBC sink). There is no streaming JDBC source, as in Spark: read a table with
 * {@code read().format("jdbc")} and join it to a stream. Stateless and thread-safe.
 */
public final class JdbcStreamingProvider implements StreamingProvider {
    @Override
    public String shortName() {
        return "jdbc";
    }

    @Override
    public Sink createSink(SinkContext context) {
        return new JdbcStreamingSink(context);
    }
}
