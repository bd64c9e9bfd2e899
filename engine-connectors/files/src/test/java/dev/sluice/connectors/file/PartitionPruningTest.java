package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partition pruning: files in partitions that a filter on partition columns rules out are not read at all. The
 * proof is a file listed at {@code load()} and deleted before the query runs: reading it would fail the query.
 */
class PartitionPruningTest extends ReaderTestSupport {
    private String table;

    private Dataset<Row> t;

    /**
     * year=2023 (ids 1-2), year=2024 (ids 3-4) and the default partition (id 5), loaded; then the file of year=2023
     * is deleted, so a query that reads it fails.
     */
    @BeforeEach
    void partitionedTable() throws IOException {
        table = dir.resolve("t").toString();
        spark.createDataFrame(List.of(RowFactory.create(1L, 2023), RowFactory.create(2L, 2023),
                        RowFactory.create(3L, 2024), RowFactory.create(4L, 2024), RowFactory.create(5L, null)),
                StructType.fromDDL("id BIGINT, year INT")).write().partitionBy("year").json(table);
        t = spark.read().schema("id BIGINT, year INT").json(table);
        try (Stream<Path> files = Files.list(Path.of(table, "year=2023"))) {
            for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                Files.delete(part);
            }
        }
    }

    private List<String> ids(Dataset<Row> data) {
        return sorted(data.select("id"));
    }

    @Test
    void filtersOnPartitionColumnsSkipTheFilesOfOtherPartitions() {
        assertThat(ids(t.filter(col("year").equalTo(2024)))).containsExactly("[3]", "[4]");
        assertThat(ids(t.filter(col("year").gt(2023)))).containsExactly("[3]", "[4]");
        assertThat(ids(t.filter(col("year").isin(2024, 2025)))).containsExactly("[3]", "[4]");
        assertThat(ids(t.filter(col("year").isNull()))).containsExactly("[5]");
        // the null partition is unknown for a comparison, so it is read too and dropped by the filter
        assertThat(ids(t.filter(col("year").notEqual(2023)))).containsExactly("[3]", "[4]");
        // a data-column condition ANDed with a partition one still prunes
        assertThat(ids(t.filter(col("year").equalTo(2024).and(col("id").gt(3))))).containsExactly("[4]");
        assertThat(t.filter(col("year").equalTo(2024)).explainString(false))
                .contains("PartitionFilters: [EqualTo(year,2024)]");
    }

    @Test
    void whatCannotBeDecidedFromThePathIsRead() {
        // an OR with a data column cannot rule out year=2023: its deleted file is read and fails the query
        assertThatThrownBy(() -> t.filter(col("year").equalTo(2024).or(col("id").equalTo(1))).collectAsList())
                .hasMessageContaining("FAILED_READ_FILE").hasMessageContaining("year=2023");
        assertThatThrownBy(() -> t.filter(col("id").gt(0)).collectAsList()).hasMessageContaining("year=2023");
    }
}
