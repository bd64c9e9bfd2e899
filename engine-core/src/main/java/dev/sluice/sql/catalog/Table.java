package dev.sluice.sql.catalog;

/**
 * A table or view of the session catalog as {@link Catalog#listTables()} lists it, as Spark's
 * {@code org.apache.spark.sql.catalog.Table}: a temporary view has no catalog, an empty namespace, type
 * {@code TEMPORARY}; a table is in {@code spark_catalog}, namespace {@code default}, type {@code MANAGED}.
 * Immutable.
 */
public record Table(String name, String catalog, String[] namespace, String description, String tableType,
        boolean isTemporary) {

    /** The namespace's single part, as Spark's {@code database()}; null for a temporary view. */
    public String database() {
        return namespace != null && namespace.length == 1 ? namespace[0] : null;
    }
}
