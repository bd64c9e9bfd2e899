package dev.sluice.sql.catalog;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.SluiceSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables and views of a session, as Spark's {@code spark.catalog()} (the members Java programs call most):
 * {@link #listTables()}, {@link #tableExists}, {@link #dropTempView}. Thread-safe.
 */
public final class Catalog {
    private final SluiceSession session;
    private final SessionCatalog catalog;

    /** Internal: use {@link SluiceSession#catalog()}. */
    public Catalog(SluiceSession session, SessionCatalog catalog) {
        this.session = session;
        this.catalog = catalog;
    }

    /** The tables of {@code default} and the temporary views, by name, as Spark's. */
    public Dataset<Table> listTables() {
        List<Table> out = new ArrayList<>();
        for (CatalogTable t : catalog.tables()) {
            out.add(new Table(t.name(), "spark_catalog", new String[] {"default"}, null, "MANAGED", false));
        }
        for (String v : catalog.tempViewNames()) {
            out.add(new Table(v, null, new String[0], null, "TEMPORARY", true));
        }
        out.sort(java.util.Comparator.comparing(Table::name));
        return session.createDataset(out, Encoders.bean(Table.class));
    }

    /** Whether {@code tableName} is a temporary view or a table. */
    public boolean tableExists(String tableName) {
        if (catalog.tempView(tableName) != null) {
            return true;
        }
        try {
            return catalog.table(tableName) != null;
        } catch (RuntimeException e) {
            return false; // a name of another namespace or catalog: none exist here
        }
    }

    /** Drops temporary view {@code viewName}; whether it existed. */
    public boolean dropTempView(String viewName) {
        return catalog.dropTempView(viewName);
    }

    /** The only namespace, {@code default}, as Spark's {@code currentDatabase()} without Hive. */
    public String currentDatabase() {
        return "default";
    }
}
