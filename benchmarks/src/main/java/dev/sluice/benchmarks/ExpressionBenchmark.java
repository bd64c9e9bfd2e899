package dev.sluice.benchmarks;

import dev.sluice.analysis.ExpressionResolver;
import dev.sluice.batch.Chunk;
import dev.sluice.exec.Binder;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.functions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Vectorized expression evaluation: {@link Expression#eval(Chunk)} of a resolved and bound expression over
 * {@value BenchmarkData#TOTAL_ROWS} rows in chunks of {@value BenchmarkData#ROWS_PER_CHUNK}. Reported
 * ops/s are input rows per second.
 *
 * <p>Why: every Project, Filter, grouping key and aggregate argument of every micro-batch goes through
 * {@code eval}; its per-row cost bounds the throughput of the whole engine. The expressions are built the
 * way a query builds them: parsed from SQL text, resolved by {@link ExpressionResolver} (which inserts the
 * implicit casts, e.g. {@code a * 2} on a bigint column and {@code + b} on a double one) and bound to
 * ordinals by {@link Binder}, once in setup; the measured loop only calls {@code eval}.
 *
 * <ul>
 *   <li>{@link #arithmeticPredicate}: {@code (a * 2 + b) > 100 AND c IS NOT NULL}: long and double
 *       arithmetic, a comparison, a null test and a three-valued AND (the shape of a typical filter).</li>
 *   <li>{@link #caseWhen}: a three-branch {@code CASE WHEN} on a bigint choosing double results.</li>
 *   <li>{@link #lowerString}: {@code lower(s)} on ~20-character strings (per-row object work).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 1)
public class ExpressionBenchmark {
    static final String ARITHMETIC_PREDICATE = "(a * 2 + b) > 100 AND c IS NOT NULL";
    static final String CASE_WHEN = "CASE WHEN a < 20 THEN b WHEN a < 70 THEN b * 2 ELSE c END";
    static final String LOWER = "lower(s)";

    private List<Chunk> chunks;
    private Expression arithmeticPredicate;
    private Expression caseWhen;
    private Expression lower;

    @Setup(Level.Trial)
    public void setUp() {
        chunks = BenchmarkData.expressionChunks();
        SluiceSession session = Sluice.builder().master("local[1]").getOrCreate();
        List<AttributeReference> input = SluiceSession.attributes(BenchmarkData.EXPRESSION_SCHEMA);
        ExpressionResolver resolver = new ExpressionResolver(input, session.functionContext());
        arithmeticPredicate = prepare(ARITHMETIC_PREDICATE, resolver, input);
        caseWhen = prepare(CASE_WHEN, resolver, input);
        lower = prepare(LOWER, resolver, input);
    }

    /** Parse, resolve and bind, as the analyzer and the physical planner do. */
    static Expression prepare(String sql, ExpressionResolver resolver, List<AttributeReference> input) {
        Expression resolved = resolver.resolve(functions.expr(sql).expr());
        return Binder.bind(resolved, input);
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public void arithmeticPredicate(Blackhole blackhole) {
        evaluate(arithmeticPredicate, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public void caseWhen(Blackhole blackhole) {
        evaluate(caseWhen, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.TOTAL_ROWS)
    public void lowerString(Blackhole blackhole) {
        evaluate(lower, blackhole);
    }

    private void evaluate(Expression expression, Blackhole blackhole) {
        for (Chunk chunk : chunks) {
            blackhole.consume(expression.eval(chunk));
        }
    }
}
