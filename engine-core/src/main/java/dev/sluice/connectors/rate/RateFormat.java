package dev.sluice.connectors.rate;

import dev.sluice.connectors.support.StreamOnlyTables;
import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * What the two rate formats share: options checked by {@code load()}, the fixed schema ({@link RateRows#SCHEMA}),
 * and the batch API failing with Spark's error naming the table. Stateless and thread-safe.
 *
 * @param <S> the checked options of one query
 */
abstract class RateFormat<S> implements StreamingProvider, BatchFormatProvider {
    /** Reads and checks the options, with Spark's messages. */
    abstract S settings(SluiceSession session, Map<String, String> options);

    /** Spark's name of the table these settings describe. */
    abstract String tableName(S settings);

    /** The source of one query run. */
    abstract Source source(S settings, SourceContext context);

    @Override
    public final StructType sourceSchema(SourceContext context) {
        settings(context.session(), context.options());
        if (context.userSchema() != null) {
            throw StreamOnlyTables.userSchema(shortName());
        }
        return RateRows.SCHEMA;
    }

    @Override
    public final Source createSource(SourceContext context) {
        return source(settings(context.session(), context.options()), context);
    }

    @Override
    public final Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema,
                                   List<String> paths) {
        throw StreamOnlyTables.batchScan(tableName(settings(session, options)));
    }

    @Override
    public final void write(Dataset<Row> data, Map<String, String> options, SaveMode mode,
                            List<String> partitionColumns, String path) {
        throw StreamOnlyTables.batchWrite(tableName(settings(data.sparkSession(), options)));
    }
}
