package dev.sluice.connectors.parquet;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.ReaderTestSupport;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.Column;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.sources.EqualTo;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.sources.GreaterThan;
import dev.sluice.sql.sources.In;
import dev.sluice.sql.sources.IsNull;
import dev.sluice.sql.sources.LessThan;
import dev.sluice.sql.sources.Not;
import dev.sluice.sql.sources.Or;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filter pushdown into Parquet (row groups whose statistics rule a filter out are not read) and column pruning
 * (only the columns a query uses are read), for batch reads. The engine re-applies every filter, so results must
 * equal those of the same rows filtered in memory.
 */
class ParquetPushdownTest extends ReaderTestSupport {
    private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING, day DATE, n INT");
    private String table;
    private final List<Row> all = new ArrayList<>();

    /** Three files (one row group each): ids 0-9 (name a<i>, one null name), 100-109 (b<i>), 200-209 (C<i>). */
    @BeforeEach
    void threeFiles() {
        table = dir.resolve("t").toString();
        for (int f = 0; f < 3; f++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long id = f * 100L + i;
                String name = f == 0 && i == 5 ? null : "abC".charAt(f) + Long.toString(id);
                rows.add(RowFactory.create(id, name, Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(id)), (int) id % 7));
            }
            all.addAll(rows);
            spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append).parquet(table);
        }
    }

    /** The part files, in the order of their first id. */
    private List<Path> parts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(table))) {
            List<Path> parts = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList());
            parts.sort((a, b) -> Long.compare(firstId(a), firstId(b)));
            return parts;
        }
    }

    private long firstId(Path part) {
        return spark.read().parquet(part.toString()).collectAsList().get(0).getLong(0);
    }

    /** How many rows the Parquet reader returns from each file for {@code filters}. */
    private List<Integer> rowsRead(Filter... filters) throws IOException {
        ParquetFormat format = new ParquetFormat();
        FormatOptions options = FormatOptions.of(Map.of(), spark);
        List<Integer> counts = new ArrayList<>();
        for (Path part : parts()) {
            int rows = 0;
            try (ChunkReader in = format.open(new org.apache.hadoop.fs.Path(part.toUri()), SCHEMA, options, List.of(filters))) {
                for (Chunk c = in.next(); c != null; c = in.next()) {
                    rows += c.rowCount();
                }
            }
            counts.add(rows);
        }
        return counts;
    }

    @Test
    void rowGroupsThatCannotMatchAreNotRead() throws IOException {
        assertThat(rowsRead()).containsExactly(10, 10, 10);
        assertThat(rowsRead(new GreaterThan("id", 150L))).containsExactly(0, 0, 10);
        assertThat(rowsRead(new Or(new LessThan("id", 3L), new EqualTo("name", "C205")))).containsExactly(10, 0, 10);
        assertThat(rowsRead(new IsNull("name"))).containsExactly(10, 0, 0);
        assertThat(rowsRead(new EqualTo("day", Date.valueOf("2024-01-05")))).containsExactly(10, 0, 0);
        assertThat(rowsRead(new In("id", new Object[] {105L, 107L}))).containsExactly(0, 10, 0);
        // statistics hold a range: an IN list spanning 105-999 cannot rule out ids 200-209 (a superset is read)
        assertThat(rowsRead(new In("id", new Object[] {105L, 999L}))).containsExactly(0, 10, 10);
        // strings compare by bytes: 'C' (0x43) sorts before 'a' and 'b'
        assertThat(rowsRead(new LessThan("name", "a"))).containsExactly(0, 0, 10);
        // a NOT is pushed as its inverse: NOT(id < 100) rules out the first file (ids 0-9) by its statistics
        assertThat(rowsRead(new Not(new LessThan("id", 100L)))).containsExactly(0, 10, 10);
        // a constant that the stored type cannot hold exactly leaves the filter to the engine
        assertThat(rowsRead(new GreaterThan("n", 3_000_000_000L))).containsExactly(10, 10, 10);
        // conjuncts: every one must hold
        assertThat(rowsRead(new GreaterThan("id", 50L), new LessThan("id", 150L))).containsExactly(0, 10, 0);
    }

    @Test
    void aQuerysFiltersReachTheFilesSoARowGroupRuledOutIsNeverRead() throws IOException {
        // the file of ids 0-9 keeps its footer (and statistics) but its column data is destroyed: reading its row
        // group fails, so a query whose filter rules it out succeeds only if the filter reached the reader
        Path low = parts().get(0);
        byte[] bytes = Files.readAllBytes(low);
        for (int i = 4; i < 40; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(low, bytes);
        Dataset<Row> t = spark.read().schema(SCHEMA).parquet(table);
        assertThat(t.filter(col("id").gt(150)).count()).isEqualTo(10);
        assertThat(t.filter(col("id").geq(100).and(col("name").isNotNull())).count()).isEqualTo(20);
        assertThatThrownBy(() -> t.filter(col("id").lt(150)).count()).hasMessageContaining(low.getFileName().toString());
    }

    @Test
    void queriesGiveTheRowsOfTheSameFilterInMemory() {
        Dataset<Row> files = spark.read().parquet(table);
        Dataset<Row> memory = spark.createDataFrame(all, SCHEMA);
        List<Column> conditions = List.of(col("id").gt(150), col("id").leq(3).or(col("name").equalTo("b101")),
                col("name").isNull(), col("name").isNotNull().and(col("n").equalTo(2)), col("name").lt("a"),
                col("day").geq(lit("2024-04-10").cast("date")), col("id").isin(1, 105, 209, 300),
                col("id").notEqual(5).and(col("id").lt(7)), col("name").startsWith("b").or(col("id").equalTo(0)),
                col("n").between(2, 3).and(col("id").gt(100)), col("ID").gt(205));
        for (Column c : conditions) {
            assertThat(sorted(files.filter(c))).as(c.toString()).isEqualTo(sorted(memory.filter(c)));
        }
        // by hand: ids 200-209 are the only ones above 150; ids 0-3 and 101 for the OR
        assertThat(files.filter(col("id").gt(150)).count()).isEqualTo(10);
        assertThat(files.filter(col("id").leq(3).or(col("name").equalTo("b101"))).count()).isEqualTo(5);
        assertThat(sorted(files.filter(col("name").isNull()).select("id"))).containsExactly("[5]");
    }

    @Test
    void explainShowsThePushedFiltersAndTheColumnsRead() {
        Dataset<Row> q = spark.read().parquet(table).filter(col("id").gt(150)).select("name");
        String plan = q.explainString(false);
        assertThat(plan).contains("PushedFilters: [GreaterThan(id,150)]").contains("ReadSchema: struct<id:bigint,name:string>");
        assertThat(sorted(q)).containsExactly("[C200]", "[C201]", "[C202]", "[C203]", "[C204]", "[C205]", "[C206]",
                "[C207]", "[C208]", "[C209]");
        // a count reads a single column of each file
        Dataset<Row> count = spark.read().parquet(table).groupBy().count();
        assertThat(count.explainString(false)).contains("ReadSchema: struct<id:bigint>");
        assertThat(rows(count)).containsExactly("[30]");
    }
}
