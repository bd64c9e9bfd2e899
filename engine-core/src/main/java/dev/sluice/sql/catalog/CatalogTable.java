package dev.sluice.sql.catalog;

import dev.sluice.sql.types.StructType;
import java.nio.file.Path;
import java.util.List;

/**
 * A managed table of the session catalog: its name (lower case, unqualified), data source ({@code parquet}, ...),
 * folder under the warehouse, schema and partition columns. Immutable.
 */
public record CatalogTable(String name, String provider, Path location, StructType schema,
        List<String> partitionColumns) {

    public CatalogTable {
        partitionColumns = List.copyOf(partitionColumns);
    }

    /** The name as Spark prints it in errors: {@code `spark_catalog`.`default`.`t`}. */
    public String qualifiedName() {
        return SessionCatalog.qualified(name);
    }
}
