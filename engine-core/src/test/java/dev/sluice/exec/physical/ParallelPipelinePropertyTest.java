package dev.sluice.exec.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Parallel pipelines change nothing but speed: a random plan (filters, projections, explode, unions,
 * aggregations, dropDuplicates, sort, limit) over random data split into random chunks gives the same rows,
 * in the same order, on 1, 2 and 4 threads, also into a consumer that accepts chunks on the workers.
 */
class ParallelPipelinePropertyTest {
    private static final StructType SCHEMA = new StructType().add("k", DataTypes.IntegerType)
            .add("v", DataTypes.LongType).add("s", DataTypes.StringType);
    private static final SluiceSession SPARK = Sluice.builder().master("local[2]").getOrCreate();

    /** One step of a random plan, applied to a Dataset. */
    private interface Step {
        Dataset<Row> apply(Dataset<Row> in);
    }

    private record Named(String name, Step step) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Property(tries = 150)
    void sameRowsInTheSameOrderOnOneTwoAndFourThreads(@ForAll("rows") List<Row> rows,
                                                      @ForAll("chunkSizes") List<Integer> chunkSizes,
                                                      @ForAll("plans") List<Named> plan) {
        Dataset<Row> df = Dataset.ofRows(SPARK, new LocalRelation(SluiceSession.attributes(SCHEMA),
                chunks(rows, chunkSizes)));
        for (Named step : plan) {
            df = step.step().apply(df);
        }
        PhysicalPlan physical = PhysicalPlanner.planQuery(df.logicalPlan());
        List<String> one = render(new ExecutionContext(0, 1).collect(physical), df);
        assertThat(render(new ExecutionContext(0, 2).collect(physical), df)).isEqualTo(one);
        assertThat(render(new ExecutionContext(0, 4).collect(physical), df)).isEqualTo(one);
        // a consumer that accepts chunks on the workers (a Kafka sink's writer) sees the same chunks in the same order
        assertThat(render(runOnWorkers(physical, 2), df)).isEqualTo(one);
        assertThat(render(runOnWorkers(physical, 4), df)).isEqualTo(one);
    }

    private static List<Chunk> runOnWorkers(PhysicalPlan physical, int threads) {
        List<Chunk> out = new ArrayList<>();
        new ExecutionContext(0, threads).run(physical, ChunkConsumer.onWorkers(out::add));
        return out;
    }

    private static List<String> render(List<Chunk> chunks, Dataset<Row> df) {
        return JavaValues.toRows(chunks, df.schema()).stream().map(Row::toString).toList();
    }

    /** The rows cut into chunks of the given sizes (cycled), so scans have many morsels of uneven size. */
    private static List<Chunk> chunks(List<Row> rows, List<Integer> sizes) {
        List<Chunk> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < rows.size(); i++) {
            int size = sizes.get(i % sizes.size());
            List<Row> slice = rows.subList(at, Math.min(rows.size(), at + size));
            out.addAll(JavaValues.toChunks(slice, SCHEMA, ZoneOffset.UTC));
            at += size;
        }
        return out;
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Integer> k = Arbitraries.integers().between(0, 30).injectNull(0.1);
        Arbitrary<Long> v = Arbitraries.longs().between(-1000, 1000).injectNull(0.1);
        Arbitrary<String> s = Arbitraries.of("a", "b", "c", "dd", "eee").injectNull(0.1);
        return Combinators.combine(k, v, s).as((a, b, c) -> RowFactory.create(a, b, c)).list().ofMaxSize(2000);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 400).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Named>> plans() {
        Arbitrary<Named> rowWise = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 30).map(x -> new Named("filter k > " + x,
                        in -> in.filter("k > " + x))),
                Arbitraries.just(new Named("filter s is not null", in -> in.filter("s is not null"))),
                Arbitraries.just(new Named("project", in -> in.selectExpr("k % 7 AS k", "v * 2 AS v",
                        "upper(s) AS s"))),
                Arbitraries.just(new Named("explode", in -> in.selectExpr("k", "v", "s",
                        "explode(array(k, k + 1)) AS e").selectExpr("e AS k", "v", "s"))),
                Arbitraries.just(new Named("union self", in -> in.union(in))),
                Arbitraries.just(new Named("dropDuplicates k,s", in -> in.dropDuplicates("k", "s"))));
        Arbitrary<Named> terminal = Arbitraries.oneOf(
                Arbitraries.just(new Named("none", in -> in)),
                Arbitraries.just(new Named("groupBy k", in -> in.groupBy("k").agg(
                        dev.sluice.sql.functions.count("v").alias("v"), dev.sluice.sql.functions.sum("v").alias("sv"),
                        dev.sluice.sql.functions.min("s").alias("s")).selectExpr("k", "v + coalesce(sv, 0) AS v", "s"))),
                Arbitraries.just(new Named("global agg", in -> in.agg(dev.sluice.sql.functions.count("k").alias("k"),
                        dev.sluice.sql.functions.sum("v").alias("v"), dev.sluice.sql.functions.max("s").alias("s"))
                        .selectExpr("cast(k AS int) AS k", "v", "s"))),
                Arbitraries.just(new Named("orderBy", in -> in.orderBy("k", "v", "s"))),
                Arbitraries.integers().between(0, 50).map(n -> new Named("limit " + n, in -> in.limit(n))));
        return Combinators.combine(rowWise.list().ofMaxSize(4), terminal).as((steps, last) -> {
            List<Named> all = new ArrayList<>(steps);
            all.add(last);
            return all;
        });
    }
}
