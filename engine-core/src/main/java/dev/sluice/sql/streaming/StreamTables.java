package dev.sluice.sql.streaming;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.catalog.CatalogTable;
import dev.sluice.sql.catalog.SessionCatalog;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Locale;

/**
 * Tables of the session catalog as streaming sources and sinks, as Spark's {@code readStream().table(name)} and
 * {@code writeStream().toTable(name)}: a table is read by its data source's streaming file source over its folder
 * (with its recorded schema), and written by the file sink into that folder, whose {@code _spark_metadata} log
 * makes the appends exactly once. Stateless.
 */
final class StreamTables {
    private StreamTables() {
    }

    /** A streaming temporary view's plan, or a streaming scan of table {@code name}. */
    static Dataset<Row> read(SluiceSession session, String name) {
        SessionCatalog catalog = session.sessionCatalog();
        LogicalPlan view = catalog.tempView(name);
        if (view != null) {
            if (!view.isStreaming()) {
                throw new AnalysisException("`" + name + "` is not a temp view of streaming logical plan, please use"
                        + " batch API such as `DataFrameReader.table` to read it.");
            }
            return Dataset.ofRows(session, view);
        }
        CatalogTable table = catalog.table(name);
        if (table == null) {
            throw SessionCatalog.notFound(name);
        }
        return session.readStream().format(table.provider()).schema(table.schema())
                .load(table.location().toString());
    }

    /**
     * The table a {@code toTable(name)} query writes into: the existing one (its format must be the writer's, when
     * one is given), or a new managed table of the stream's schema in {@code format} (default
     * {@code spark.sql.sources.default}). A new table may take over a folder that already holds a file sink's log,
     * so that a query restarted in a new session resumes into it.
     */
    static CatalogTable sinkTable(SluiceSession session, String name, String format, StructType schema,
            List<String> partitionColumns) {
        SessionCatalog catalog = session.sessionCatalog();
        if (catalog.tempView(name) != null) {
            throw new AnalysisException("Temporary view " + name + " doesn't support streaming write");
        }
        CatalogTable table = catalog.table(name);
        if (table != null) {
            if (format != null && !format.toLowerCase(Locale.ROOT).equals(table.provider())) {
                throw new AnalysisException("The input source(" + format + ") is different from the table "
                        + name + "'s data source provider(" + table.provider() + ").");
            }
            return table;
        }
        String provider = format != null ? format : session.conf().get("spark.sql.sources.default", "parquet");
        java.nio.file.Path folder = session.sessionCatalog().warehouse().resolve(SessionCatalog.normalize(name));
        boolean sinkLog = java.nio.file.Files.isDirectory(folder.resolve("_spark_metadata"));
        return catalog.create(name, provider, schema, partitionColumns, sinkLog);
    }
}
