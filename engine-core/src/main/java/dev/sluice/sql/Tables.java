package dev.sluice.sql;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.catalog.CatalogTable;
import dev.sluice.sql.catalog.SessionCatalog;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the tables of the session catalog: {@code table(name)}, {@code saveAsTable} with Spark's save
 * modes, and the look-up of SQL's {@code FROM name}. A table is read with its data source over its folder and its
 * recorded schema. Stateless.
 */
final class Tables {
    private Tables() {
    }

    /** The temporary view or table {@code name}, as a batch Dataset (a streaming one for a streaming view). */
    static LogicalPlan plan(SluiceSession session, String name) {
        LogicalPlan view = session.sessionCatalog().tempView(name);
        if (view != null) {
            return view;
        }
        List<String> parts;
        try {
            parts = dev.sluice.sql.catalyst.parser.ParseException.parsing(
                    () -> dev.sluice.sqllite.SqlParser.parseMultipartIdentifier(name));
        } catch (dev.sluice.sql.catalyst.parser.ParseException e) {
            throw SessionCatalog.notFound(name);
        }
        return plan(session, parts, name);
    }

    /** As {@link #plan(SluiceSession, String)} for a parsed name; {@code text} is the name as written. */
    static LogicalPlan plan(SluiceSession session, List<String> parts, String text) {
        SessionCatalog catalog = session.sessionCatalog();
        LogicalPlan view = parts.size() == 1 ? catalog.tempView(parts.get(0)) : null;
        if (view != null) {
            return view;
        }
        CatalogTable table = catalog.tableOrNull(parts, text);
        if (table == null) {
            throw SessionCatalog.notFound(text);
        }
        return read(session, table).logicalPlan();
    }

    static Dataset<Row> read(SluiceSession session, CatalogTable table) {
        return session.read().format(table.provider()).schema(table.schema()).load(table.location().toString());
    }

    /**
     * {@code df.write().saveAsTable(name)}: a new table is created in the warehouse (the writer's format, else
     * {@code spark.sql.sources.default}) and written; an existing one is, by mode, an error
     * ({@code TABLE_OR_VIEW_ALREADY_EXISTS}), left alone ({@code ignore}), appended to in its own format with its
     * column order matched by name ({@code append}), or dropped and re-created ({@code overwrite}).
     */
    static void saveAsTable(Dataset<Row> data, String name, String format, SaveMode mode, Map<String, String> options,
            List<String> partitionColumns) {
        SluiceSession session = data.sparkSession();
        if (data.isStreaming()) {
            throw new AnalysisException("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `saveAsTable` can not"
                    + " be called on streaming Dataset/DataFrame.", "42KDE");
        }
        SessionCatalog catalog = session.sessionCatalog();
        CatalogTable existing = catalog.table(name);
        if (existing != null) {
            switch (mode) {
                case ErrorIfExists -> throw SessionCatalog.alreadyExists(existing.name());
                case Ignore -> {
                    return;
                }
                case Append -> {
                    writeInto(data.select(columns(existing)), existing, SaveMode.Append, options);
                    return;
                }
                case Overwrite -> catalog.drop(existing.name());
                default -> throw new IllegalStateException("save mode " + mode);
            }
        }
        String provider = format != null ? format : session.conf().get("spark.sql.sources.default", "parquet");
        CatalogTable created = catalog.create(name, provider, data.schema(), partitionColumns, false);
        try {
            writeInto(data, created, SaveMode.Overwrite, options);
        } catch (RuntimeException e) {
            catalog.drop(created.name()); // as Spark: a failed create-as-select leaves no table behind
            throw e;
        }
    }

    private static Column[] columns(CatalogTable table) {
        return java.util.Arrays.stream(table.schema().fields()).map(f -> functions.col("`" + f.name().replace("`", "``") + "`"))
                .toArray(Column[]::new);
    }

    private static void writeInto(Dataset<Row> data, CatalogTable table, SaveMode mode, Map<String, String> options) {
        data.write().format(table.provider()).mode(mode).options(options)
                .partitionBy(table.partitionColumns().toArray(String[]::new)).save(table.location().toString());
    }
}
