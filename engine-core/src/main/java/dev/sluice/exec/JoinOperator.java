package dev.sluice.exec;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Comparison;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Logical;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hash join: equality conjuncts between a left and a right column become hash keys, the other conjuncts
 * are evaluated on candidate pairs. Without equality keys it is a nested loop. Supports inner, left/right/
 * full outer, left semi, left anti and cross joins. A NULL key of an {@code =} pair never matches; the two
 * sides of a null-safe {@code <=>} pair match when both are NULL (Spark's {@code EqualNullSafe} key). The build phase ({@link #build},
 * either side) and the probe phase ({@link #probe}) are separate so that a built side can be reused: a
 * batch join builds the right side and probes it once; a stream-static join builds the static side once
 * and probes it with every micro-batch; the stream-stream join asks only for {@link #matches}. Immutable
 * description, safe to share between threads; each call allocates its own state.
 */
public final class JoinOperator {
    private final JoinType joinType;
    private final List<Expression> leftKeys = new ArrayList<>();
    private final List<Expression> rightKeys = new ArrayList<>();
    /** Per key pair: whether it came from {@code <=>}, so NULL equals NULL for it. */
    private final boolean[] nullSafe;
    private final Expression residual;
    private final int leftWidth;
    private final int rightWidth;

    public JoinOperator(Join join) {
        this.joinType = join.joinType();
        List<AttributeReference> leftOutput = join.left().output();
        List<AttributeReference> rightOutput = join.right().output();
        this.leftWidth = leftOutput.size();
        this.rightWidth = rightOutput.size();
        EquiJoinKeys keys = extractEquiJoinKeys(join);
        leftKeys.addAll(Binder.bindAll(keys.leftKeys(), leftOutput));
        rightKeys.addAll(Binder.bindAll(keys.rightKeys(), rightOutput));
        this.nullSafe = new boolean[keys.nullSafe().size()];
        for (int i = 0; i < nullSafe.length; i++) {
            nullSafe[i] = keys.nullSafe().get(i);
        }
        List<AttributeReference> combined = new ArrayList<>(leftOutput);
        combined.addAll(rightOutput);
        Expression residualCondition = and(keys.otherConjuncts());
        this.residual = residualCondition == null ? null : Binder.bind(residualCondition, combined);
    }

    /**
     * A join condition split as Spark's {@code ExtractEquiJoinKeys}: equality conjuncts ({@code =} or the
     * null-safe {@code <=>}) with one side referring only to the left input and the other only to the right
     * become key pairs (unbound, in condition order; {@code nullSafe} says, per pair, whether it was
     * {@code <=>}); every other conjunct stays in {@code otherConjuncts}.
     */
    public record EquiJoinKeys(List<Expression> leftKeys, List<Expression> rightKeys, List<Boolean> nullSafe,
                               List<Expression> otherConjuncts) {
    }

    /** Splits {@code join}'s condition into equi-join keys and the other conjuncts. */
    public static EquiJoinKeys extractEquiJoinKeys(Join join) {
        Set<Long> leftIds = ids(join.left().output());
        Set<Long> rightIds = ids(join.right().output());
        List<Expression> lefts = new ArrayList<>();
        List<Expression> rights = new ArrayList<>();
        List<Boolean> nullSafe = new ArrayList<>();
        List<Expression> others = new ArrayList<>();
        for (Expression conjunct : join.condition() == null ? List.<Expression>of() : conjuncts(join.condition())) {
            if (conjunct instanceof Comparison c
                    && (c.op() == Comparison.Op.EQUAL || c.op() == Comparison.Op.NULL_SAFE_EQUAL)) {
                boolean leftFirst = refersOnly(c.left(), leftIds) && refersOnly(c.right(), rightIds);
                if (leftFirst || refersOnly(c.left(), rightIds) && refersOnly(c.right(), leftIds)) {
                    lefts.add(leftFirst ? c.left() : c.right());
                    rights.add(leftFirst ? c.right() : c.left());
                    nullSafe.add(c.op() == Comparison.Op.NULL_SAFE_EQUAL);
                    continue;
                }
            }
            others.add(conjunct);
        }
        return new EquiJoinKeys(List.copyOf(lefts), List.copyOf(rights), List.copyOf(nullSafe), List.copyOf(others));
    }

    /** The conjunction of {@code conjuncts}, or null when there are none. */
    public static Expression and(List<Expression> conjuncts) {
        Expression out = null;
        for (Expression c : conjuncts) {
            out = out == null ? c : new Logical(true, out, c);
        }
        return out;
    }

    /** The left side's equi-join key expressions, bound to the left output (empty for a nested loop). */
    public List<Expression> leftKeys() {
        return List.copyOf(leftKeys);
    }

    /** The right side's equi-join key expressions, bound to the right output, pairwise with {@link #leftKeys}. */
    public List<Expression> rightKeys() {
        return List.copyOf(rightKeys);
    }

    /** The conjuncts of a condition ({@code a AND b AND c} → a, b, c). */
    public static List<Expression> conjuncts(Expression e) {
        if (e instanceof Logical l && l.isAnd()) {
            List<Expression> out = new ArrayList<>(conjuncts(l.left()));
            out.addAll(conjuncts(l.right()));
            return out;
        }
        return List.of(e);
    }

    /** The {@code exprId}s of {@code attributes}. */
    public static Set<Long> ids(List<AttributeReference> attributes) {
        Set<Long> ids = new HashSet<>();
        for (AttributeReference a : attributes) {
            ids.add(a.exprId());
        }
        return ids;
    }

    /** Whether {@code e} refers to at least one column and only to columns among {@code ids}. */
    public static boolean refersOnly(Expression e, Set<Long> ids) {
        List<AttributeReference> refs = new ArrayList<>();
        e.collect(AttributeReference.class, refs);
        if (refs.isEmpty()) {
            return false;
        }
        for (AttributeReference a : refs) {
            if (!ids.contains(a.exprId())) {
                return false;
            }
        }
        return true;
    }

    /** Joins whole inputs (each side concatenated into one chunk). */
    public List<Chunk> join(Chunk left, Chunk right) {
        return emit(left, right, matches(left, right));
    }

    /**
     * The matching (left row, right row) pairs of two inputs: equal non-null keys and a true residual
     * condition (every pair when the join has no equality keys).
     */
    public Pairs matches(Chunk left, Chunk right) {
        return probe(build(right, true), left);
    }

    /**
     * Hashes {@code rows}, one whole side of the join ({@code isRight}: the right side), so that it can be
     * probed by many inputs of the other side: the static side of a stream-static join is built once per
     * query run and probed by every micro-batch.
     */
    public BuiltSide build(Chunk rows, boolean isRight) {
        List<Expression> keys = isRight ? rightKeys : leftKeys;
        if (keys.isEmpty()) {
            return new BuiltSide(rows, isRight, null, null, null);
        }
        ColumnVector[] buildKeys = evalAll(keys, rows);
        GroupingTable table = new GroupingTable(keys.stream().map(Expression::dataType).toList());
        int[] buildGroups = new int[Math.max(rows.rowCount(), 1)];
        table.groupIds(buildKeys, rows.rowCount(), buildGroups);
        // Chain the build rows of each key: head[group] -> row -> next[row] ...
        int[] head = new int[Math.max(table.groupCount(), 1)];
        Arrays.fill(head, -1);
        int[] next = new int[Math.max(rows.rowCount(), 1)];
        for (int r = rows.rowCount() - 1; r >= 0; r--) {
            if (hasNullKey(buildKeys, r)) {
                continue;
            }
            next[r] = head[buildGroups[r]];
            head[buildGroups[r]] = r;
        }
        return new BuiltSide(rows, isRight, table, head, next);
    }

    /** The pairs of {@code probe} (the side {@code built} is not) with the built side's rows. */
    public Pairs probe(BuiltSide built, Chunk probe) {
        Chunk left = built.isRight ? probe : built.rows;
        Chunk right = built.isRight ? built.rows : probe;
        Pairs matches = new Pairs();
        if (built.table == null) {
            for (int l = 0; l < left.rowCount(); l++) {
                for (int r = 0; r < right.rowCount(); r++) {
                    matches.add(l, r);
                }
            }
        } else {
            ColumnVector[] probeKeys = evalAll(built.isRight ? leftKeys : rightKeys, probe);
            int[] groups = new int[Math.max(probe.rowCount(), 1)];
            built.table.lookup(probeKeys, probe.rowCount(), groups);
            for (int p = 0; p < probe.rowCount(); p++) {
                if (hasNullKey(probeKeys, p)) {
                    continue;
                }
                int group = groups[p];
                for (int b = group < 0 ? -1 : built.head[group]; b >= 0; b = built.next[b]) {
                    if (built.isRight) {
                        matches.add(p, b);
                    } else {
                        matches.add(b, p);
                    }
                }
            }
        }
        if (residual != null && matches.count > 0) {
            matches = filterResidual(left, right, matches);
        }
        return matches;
    }

    /** Joins {@code probe} with a side built earlier, with this join's type (outer rows padded with NULLs). */
    public List<Chunk> join(BuiltSide built, Chunk probe) {
        Pairs matches = probe(built, probe);
        return built.isRight ? emit(probe, built.rows, matches) : emit(built.rows, probe, matches);
    }

    /**
     * One side of a join hashed by its join keys (or kept whole when the join has none). Immutable once
     * built, so it may be probed any number of times, from any thread.
     */
    public static final class BuiltSide {
        private final Chunk rows;
        private final boolean isRight;
        private final GroupingTable table;
        private final int[] head;
        private final int[] next;

        private BuiltSide(Chunk rows, boolean isRight, GroupingTable table, int[] head, int[] next) {
            this.rows = rows;
            this.isRight = isRight;
            this.table = table;
            this.head = head;
            this.next = next;
        }

        /** The rows that were hashed. */
        public Chunk rows() {
            return rows;
        }
    }

    /**
     * Whether the key values at {@code row} ({@code keys}: this join's key expressions evaluated, one side's)
     * can never match: some {@code =} key is NULL. NULLs of {@code <=>} keys match each other (the hash table
     * groups NULLs together), so they do not count.
     */
    public boolean hasNullKey(ColumnVector[] keys, int row) {
        for (int k = 0; k < keys.length; k++) {
            if (!nullSafe[k] && keys[k].isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /** Evaluates each expression over {@code input}. */
    public static ColumnVector[] evalAll(List<Expression> expressions, Chunk input) {
        ColumnVector[] out = new ColumnVector[expressions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expressions.get(i).eval(input);
        }
        return out;
    }

    private Pairs filterResidual(Chunk left, Chunk right, Pairs matches) {
        Chunk pairs = pairChunk(left, right, matches.left, matches.right, matches.count);
        ColumnVector mask = residual.eval(pairs);
        boolean[] keep = ((BooleanVector) mask).values();
        Pairs kept = new Pairs();
        for (int i = 0; i < matches.count; i++) {
            if (keep[i] && !mask.isNull(i)) {
                kept.add(matches.left[i], matches.right[i]);
            }
        }
        return kept;
    }

    private List<Chunk> emit(Chunk left, Chunk right, Pairs matches) {
        if (joinType == JoinType.LEFT_SEMI || joinType == JoinType.LEFT_ANTI) {
            boolean[] matched = new boolean[Math.max(left.rowCount(), 1)];
            for (int i = 0; i < matches.count; i++) {
                matched[matches.left[i]] = true;
            }
            int[] rows = new int[Math.max(left.rowCount(), 1)];
            int count = 0;
            for (int l = 0; l < left.rowCount(); l++) {
                if (matched[l] == (joinType == JoinType.LEFT_SEMI)) {
                    rows[count++] = l;
                }
            }
            return Chunks.split(left.take(rows, count));
        }
        Pairs out = matches;
        if (joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER || joinType == JoinType.RIGHT_OUTER) {
            out = new Pairs();
            boolean[] leftMatched = new boolean[Math.max(left.rowCount(), 1)];
            boolean[] rightMatched = new boolean[Math.max(right.rowCount(), 1)];
            for (int i = 0; i < matches.count; i++) {
                leftMatched[matches.left[i]] = true;
                rightMatched[matches.right[i]] = true;
            }
            boolean keepLeft = joinType != JoinType.RIGHT_OUTER;
            // Left rows in order, each followed by its matches (or one NULL-padded row).
            int m = 0;
            int[] order = sortedByLeft(matches);
            for (int l = 0; l < left.rowCount(); l++) {
                boolean any = false;
                while (m < matches.count && matches.left[order[m]] == l) {
                    out.add(l, matches.right[order[m]]);
                    m++;
                    any = true;
                }
                if (!any && keepLeft) {
                    out.add(l, -1);
                }
            }
            if (joinType != JoinType.LEFT_OUTER) {
                for (int r = 0; r < right.rowCount(); r++) {
                    if (!rightMatched[r]) {
                        out.add(-1, r);
                    }
                }
            }
        }
        return Chunks.split(pairChunk(left, right, out.left, out.right, out.count));
    }

    private static int[] sortedByLeft(Pairs matches) {
        int[] order = new int[Math.max(matches.count, 1)];
        for (int i = 0; i < matches.count; i++) {
            order[i] = i;
        }
        int[] scratch = new int[order.length];
        SortOperator.mergeSort(order, scratch, 0, matches.count, (a, b) -> Integer.compare(matches.left[a], matches.left[b]));
        return order;
    }

    /** Left columns then right columns of the given pairs; a row index of -1 yields NULLs for that side. */
    public Chunk pairChunk(Chunk left, Chunk right, Pairs pairs) {
        return pairChunk(left, right, pairs.left, pairs.right, pairs.count);
    }

    private Chunk pairChunk(Chunk left, Chunk right, int[] leftRows, int[] rightRows, int count) {
        ColumnVector[] columns = new ColumnVector[leftWidth + rightWidth];
        for (int c = 0; c < leftWidth; c++) {
            columns[c] = Chunks.takeOrNull(left.column(c), leftRows, count);
        }
        for (int c = 0; c < rightWidth; c++) {
            columns[leftWidth + c] = Chunks.takeOrNull(right.column(c), rightRows, count);
        }
        return new Chunk(count, columns);
    }

    /**
     * A growing list of (left row, right row) pairs; -1 means "no row" (NULL padding). Mutable, owned by
     * the caller that asked for it.
     */
    public static final class Pairs {
        private int[] left = new int[64];
        private int[] right = new int[64];
        private int count;

        public int count() {
            return count;
        }

        public int left(int i) {
            return left[i];
        }

        public int right(int i) {
            return right[i];
        }

        public void add(int l, int r) {
            if (count == left.length) {
                left = Arrays.copyOf(left, count * 2);
                right = Arrays.copyOf(right, count * 2);
            }
            left[count] = l;
            right[count] = r;
            count++;
        }
    }
}
