package dev.sluice.sql.catalog;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The tables and temporary views of one session, as Spark's {@code SessionCatalog} over its in-memory external
 * catalog (Spark without Hive support, the default): names are case-insensitive; temporary views hold a plan;
 * managed tables live in {@code <spark.sql.warehouse.dir>/<name>} (default {@code spark-warehouse} under the working
 * folder). Like Spark's in-memory catalog, the table list is not persisted: a new session does not know the tables
 * an earlier one created (their folders stay), so {@code table(name)} fails with {@code TABLE_OR_VIEW_NOT_FOUND}
 * and creating a managed table over a non-empty folder fails with {@code LOCATION_ALREADY_EXISTS}, as Spark's.
 * Only the namespace {@code default} (optionally under catalog {@code spark_catalog}) exists. Internal: users reach
 * it through {@code SluiceSession.catalog()}, {@code table}, {@code saveAsTable} and {@code toTable}. Thread-safe.
 */
public final class SessionCatalog {
    private final Map<String, LogicalPlan> tempViews = new ConcurrentHashMap<>();
    private final Map<String, CatalogTable> tables = new ConcurrentHashMap<>();
    private final Supplier<String> warehouseSetting;

    /** {@code warehouseSetting} gives {@code spark.sql.warehouse.dir} (null when unset). */
    public SessionCatalog(Supplier<String> warehouseSetting) {
        this.warehouseSetting = warehouseSetting;
    }

    /** The warehouse folder, absolute. */
    public Path warehouse() {
        String setting = warehouseSetting.get();
        String dir = setting == null ? "spark-warehouse" : setting.startsWith("file:") ? setting.substring(5) : setting;
        return Paths.get(dir).toAbsolutePath().normalize();
    }

    /** {@code t}, {@code default.t} or {@code spark_catalog.default.t} as the table's lower-case name. */
    public static String normalize(String name) {
        List<String> parts = dev.sluice.sql.catalyst.parser.ParseException.parsing(
                () -> dev.sluice.sqllite.SqlParser.parseMultipartIdentifier(name));
        return normalize(parts, name);
    }

    /** As {@link #normalize(String)} for a parsed name; {@code text} is the name as written, for errors. */
    public static String normalize(List<String> parts, String text) {
        List<String> lower = parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        int n = lower.size();
        boolean ok = n == 1 || (n == 2 && lower.get(0).equals("default"))
                || (n == 3 && lower.get(0).equals("spark_catalog") && lower.get(1).equals("default"));
        if (!ok) {
            if (n == 2 || (n == 3 && lower.get(0).equals("spark_catalog"))) {
                String schema = lower.get(n - 2);
                throw new AnalysisException("SCHEMA_NOT_FOUND", "The schema `" + schema + "` cannot be found. Verify"
                        + " the spelling and correctness of the schema and catalog.", "42704");
            }
            throw notFound(text);
        }
        return lower.get(n - 1);
    }

    /** {@code `spark_catalog`.`default`.`name`}. */
    static String qualified(String name) {
        return "`spark_catalog`.`default`.`" + name.replace("`", "``") + "`";
    }

    /** Spark's error for a name that is neither a temporary view nor a table. */
    public static AnalysisException notFound(String name) {
        return new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", "The table or view `" + name + "` cannot be found."
                + " Verify the spelling and correctness of the schema and catalog.", "42P01");
    }

    public void createOrReplaceTempView(String name, LogicalPlan plan) {
        tempViews.put(name.toLowerCase(Locale.ROOT), plan);
    }

    /** The plan of temporary view {@code name}, or null. A qualified name never names a temporary view. */
    public LogicalPlan tempView(String name) {
        return tempViews.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean dropTempView(String name) {
        return tempViews.remove(name.toLowerCase(Locale.ROOT)) != null;
    }

    public List<String> tempViewNames() {
        return tempViews.keySet().stream().sorted().toList();
    }

    /** The table named {@code name} (any accepted qualification), or null. */
    public CatalogTable table(String name) {
        return tables.get(normalize(name));
    }

    /** The table named by {@code parts} ({@code text} as written, for errors), or null. */
    public CatalogTable tableOrNull(List<String> parts, String text) {
        return tables.get(normalize(parts, text));
    }

    public List<CatalogTable> tables() {
        return tables.values().stream().sorted(java.util.Comparator.comparing(CatalogTable::name)).toList();
    }

    /**
     * Registers a new managed table {@code name} in the warehouse.
     *
     * @param adoptFolder whether a non-empty folder may be taken over (a streaming {@code toTable} restarting from
     *     its checkpoint); otherwise such a folder fails with {@code LOCATION_ALREADY_EXISTS}, as Spark's
     * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS} when the table exists
     */
    public synchronized CatalogTable create(String name, String provider, dev.sluice.sql.types.StructType schema,
            List<String> partitionColumns, boolean adoptFolder) {
        String key = normalize(name);
        if (tables.containsKey(key)) {
            throw alreadyExists(key);
        }
        Path location = warehouse().resolve(key);
        if (!adoptFolder && nonEmpty(location)) {
            throw new SluiceException("LOCATION_ALREADY_EXISTS", "Cannot name the managed table as " + qualified(key)
                    + ", as its associated location '" + location.toUri() + "' already exists. Please pick a different"
                    + " table name, or remove the existing location first.", "42710", null);
        }
        CatalogTable table = new CatalogTable(key, provider.toLowerCase(Locale.ROOT), location, schema,
                partitionColumns);
        tables.put(key, table);
        return table;
    }

    /** Spark's error for creating a table that exists. */
    public static AnalysisException alreadyExists(String key) {
        return new AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", "Cannot create table or view " + qualified(key)
                + " because it already exists.\nChoose a different name, drop or replace the existing object, or add"
                + " the IF NOT EXISTS clause to tolerate pre-existing objects.", "42P07");
    }

    /** Unregisters table {@code name} and deletes its folder (a managed table's data goes with it, as Spark's). */
    public synchronized boolean drop(String name) {
        CatalogTable table = tables.remove(normalize(name));
        if (table == null) {
            return false;
        }
        deleteRecursively(table.location());
        return true;
    }

    static boolean nonEmpty(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Files.exists(folder);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    /** Deletes {@code folder} and everything under it (nothing when it does not exist). */
    public static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder, e);
        }
    }
}
