package dev.sluice.spi;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.sources.EqualNullSafe;
import dev.sluice.sql.sources.EqualTo;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.sources.GreaterThan;
import dev.sluice.sql.sources.In;
import dev.sluice.sql.sources.IsNotNull;
import dev.sluice.sql.sources.IsNull;
import dev.sluice.sql.sources.LessThan;
import dev.sluice.sql.sources.LessThanOrEqual;
import dev.sluice.sql.sources.Not;
import dev.sluice.sql.sources.Or;
import dev.sluice.sql.types.StructType;
import java.sql.Date;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The connector SPI's pushdown contract seen from a connector: which filters (public filter model) a query hands
 * a {@link SupportsPushDownFilters} scan, which columns it asks a {@link SupportsPushDownRequiredColumns} scan for,
 * and that results stay those of the whole filter whatever a scan does with them.
 */
class ScanPushdownTest {
    private static final SluiceSession SPARK = Sluice.builder().master("local[2]").getOrCreate();
    private static final StructType SCHEMA = StructType.fromDDL("id INT, name STRING, day DATE, score DOUBLE");
    private static final List<Row> ROWS = List.of(RowFactory.create(1, "ana", Date.valueOf("2024-01-01"), 1.5),
            RowFactory.create(2, null, Date.valueOf("2024-01-02"), 2.5),
            RowFactory.create(3, "luis", Date.valueOf("2024-01-03"), null));

    /** Returns every row whatever it is told (the widest answer the contract allows), recording what it was told. */
    private static final class RecordingScan implements SupportsPushDownFilters, SupportsPushDownRequiredColumns {
        final List<List<Filter>> pushed;
        final List<int[]> pruned;
        final int[] columns;

        RecordingScan(List<List<Filter>> pushed, List<int[]> pruned, int[] columns) {
            this.pushed = pushed;
            this.pruned = pruned;
            this.columns = columns;
        }

        @Override
        public Scan pushFilters(List<Filter> filters) {
            pushed.add(filters);
            return new RecordingScan(pushed, pruned, columns);
        }

        @Override
        public Scan pruneColumns(int[] kept) {
            pruned.add(kept);
            int[] narrowed = new int[kept.length];
            for (int i = 0; i < kept.length; i++) {
                narrowed[i] = columns[kept[i]];
            }
            return new RecordingScan(pushed, pruned, narrowed);
        }

        @Override
        public Iterator<Chunk> read() {
            List<Row> narrowed = new ArrayList<>();
            for (Row r : ROWS) {
                Object[] values = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = r.get(columns[i]);
                }
                narrowed.add(RowFactory.create(values));
            }
            StructType schema = new StructType(Arrays.stream(columns).mapToObj(SCHEMA::apply).toList());
            return JavaValues.toChunks(narrowed, schema, ZoneOffset.UTC).iterator();
        }

        @Override
        public String describe() {
            return "recording " + Arrays.toString(columns);
        }
    }

    private final List<List<Filter>> pushed = new CopyOnWriteArrayList<>();
    private final List<int[]> pruned = new CopyOnWriteArrayList<>();

    private Dataset<Row> table() {
        return BatchRows.toDataset(SPARK, SCHEMA, new RecordingScan(pushed, pruned, new int[] {0, 1, 2, 3}), false);
    }

    private List<String> rows(Dataset<Row> data) {
        return data.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void translatableConjunctsReachTheScanInTheFilterModel() {
        table().filter(col("id").gt(1).and(col("name").isNotNull()).and(lit(2).geq(col("id"))));
        assertThat(pushed).containsExactly(List.of(new GreaterThan("id", 1), new IsNotNull("name"),
                new LessThanOrEqual("id", 2)));
        pushed.clear();
        table().filter(col("day").equalTo(lit("2024-01-02").cast("date")).or(col("name").isNull()));
        assertThat(pushed).containsExactly(List.of(new Or(new EqualTo("day", Date.valueOf("2024-01-02")),
                new IsNull("name"))));
        pushed.clear();
        table().filter(col("id").isin(1, 3).and(col("id").notEqual(2)).and(col("name").eqNullSafe("ana")));
        assertThat(pushed).containsExactly(List.of(new In("id", new Object[] {1, 3}), new Not(new EqualTo("id", 2)),
                new EqualNullSafe("name", "ana")));
    }

    @Test
    void untranslatablePartsStayInTheEngineAndOnlyWidenWhereThatIsSafe() {
        // id + 1 = 3 has no form in the model: the conjunct is left out, the other one goes
        table().filter(col("id").plus(1).equalTo(3).and(col("score").lt(2.0)));
        assertThat(pushed).containsExactly(List.of(new LessThan("score", 2.0)));
        pushed.clear();
        // inside an OR, an AND may lose its untranslatable side (a superset) ...
        table().filter(col("id").equalTo(1).and(col("id").plus(1).equalTo(2)).or(col("id").equalTo(3)));
        assertThat(pushed).containsExactly(List.of(new Or(new EqualTo("id", 1), new EqualTo("id", 3))));
        pushed.clear();
        // ... but not under a NOT, where dropping it would narrow the result
        table().filter(dev.sluice.sql.functions.not(col("id").equalTo(1).and(col("id").plus(1).equalTo(2))));
        assertThat(pushed).isEmpty();
        // an OR with an untranslatable side is not pushed at all
        table().filter(col("id").equalTo(1).or(col("id").plus(1).equalTo(4)));
        assertThat(pushed).isEmpty();
    }

    @Test
    void resultsAreThoseOfTheWholeFilterWhateverTheScanKeeps() {
        assertThat(rows(table().filter(col("id").gt(1).and(col("name").isNotNull())))).containsExactly(
                "[3,luis,2024-01-03,null]");
        assertThat(rows(table().filter(col("id").plus(1).equalTo(3).or(col("name").equalTo("ana")))))
                .containsExactly("[1,ana,2024-01-01,1.5]", "[2,null,2024-01-02,2.5]");
    }

    @Test
    void theScanIsAskedOnlyForTheColumnsTheQueryUses() {
        assertThat(rows(table().filter(col("score").gt(2.0)).select("name"))).containsExactly("[null]");
        assertThat(pruned).hasSize(1);
        assertThat(pruned.get(0)).containsExactly(1, 3);
        pruned.clear();
        assertThat(rows(table().groupBy().count())).containsExactly("[3]");
        assertThat(pruned.get(0)).containsExactly(0);
        pruned.clear();
        // every column used: the scan is not asked to prune
        assertThat(rows(table().filter(col("day").isNotNull()))).hasSize(3);
        assertThat(pruned).isEmpty();
        // rows are whole-row facts for distinct: nothing below it is pruned
        assertThat(rows(table().distinct().select("id"))).containsExactly("[1]", "[2]", "[3]");
        assertThat(pruned).isEmpty();
    }
}
