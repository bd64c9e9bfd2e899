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
 * Hash join: equality conjuncts between a left and a right column become hash keys (the right side is
 * the build side), the other conjuncts are evaluated on candidate pairs. Without equality keys it is a
 * nested loop. Supports inner, left/right/full outer, left semi, left anti and cross joins. NULL keys
 * never match. Immutable description; {@link #join} allocates its own state per call.
 */
public final class JoinOperator {
    private final JoinType joinType;
    private final List<Expression> leftKeys = new ArrayList<>();
    private final List<Expression> rightKeys = new ArrayList<>();
    private final Expression residual;
    private final int leftWidth;
    private final int rightWidth;

    public JoinOperator(Join join) {
        this.joinType = join.joinType();
        List<AttributeReference> leftOutput = join.left().output();
        List<AttributeReference> rightOutput = join.right().output();
        this.leftWidth = leftOutput.size();
        this.rightWidth = rightOutput.size();
        Set<Long> leftIds = ids(leftOutput);
        Set<Long> rightIds = ids(rightOutput);
        List<Expression> residuals = new ArrayList<>();
        if (join.condition() != null) {
            for (Expression conjunct : conjuncts(join.condition())) {
                if (conjunct instanceof Comparison c && c.op() == Comparison.Op.EQUAL) {
                    if (refersOnly(c.left(), leftIds) && refersOnly(c.right(), rightIds)) {
                        leftKeys.add(Binder.bind(c.left(), leftOutput));
                        rightKeys.add(Binder.bind(c.right(), rightOutput));
                        continue;
                    }
                    if (refersOnly(c.left(), rightIds) && refersOnly(c.right(), leftIds)) {
                        leftKeys.add(Binder.bind(c.right(), leftOutput));
                        rightKeys.add(Binder.bind(c.left(), rightOutput));
                        continue;
                    }
                }
                residuals.add(conjunct);
            }
        }
        List<AttributeReference> combined = new ArrayList<>(leftOutput);
        combined.addAll(rightOutput);
        Expression residualCondition = null;
        for (Expression r : residuals) {
            residualCondition = residualCondition == null ? r : new Logical(true, residualCondition, r);
        }
        this.residual = residualCondition == null ? null : Binder.bind(residualCondition, combined);
    }

    static List<Expression> conjuncts(Expression e) {
        if (e instanceof Logical l && l.isAnd()) {
            List<Expression> out = new ArrayList<>(conjuncts(l.left()));
            out.addAll(conjuncts(l.right()));
            return out;
        }
        return List.of(e);
    }

    private static Set<Long> ids(List<AttributeReference> attributes) {
        Set<Long> ids = new HashSet<>();
        for (AttributeReference a : attributes) {
            ids.add(a.exprId());
        }
        return ids;
    }

    private static boolean refersOnly(Expression e, Set<Long> ids) {
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
        int leftRows = left.rowCount();
        Matches matches = new Matches();
        if (!leftKeys.isEmpty()) {
            hashMatches(left, right, matches);
        } else {
            for (int l = 0; l < leftRows; l++) {
                for (int r = 0; r < right.rowCount(); r++) {
                    matches.add(l, r);
                }
            }
        }
        if (residual != null && matches.count > 0) {
            matches = filterResidual(left, right, matches);
        }
        return emit(left, right, matches);
    }

    private void hashMatches(Chunk left, Chunk right, Matches matches) {
        ColumnVector[] buildKeys = evalAll(rightKeys, right);
        GroupingTable table = new GroupingTable(rightKeys.stream().map(Expression::dataType).toList());
        int[] buildGroups = new int[Math.max(right.rowCount(), 1)];
        table.groupIds(buildKeys, right.rowCount(), buildGroups);
        // Chain the build rows of each key: head[group] -> row -> next[row] ...
        int[] head = new int[Math.max(table.groupCount(), 1)];
        Arrays.fill(head, -1);
        int[] next = new int[Math.max(right.rowCount(), 1)];
        for (int r = right.rowCount() - 1; r >= 0; r--) {
            if (hasNull(buildKeys, r)) {
                continue;
            }
            next[r] = head[buildGroups[r]];
            head[buildGroups[r]] = r;
        }
        ColumnVector[] probeKeys = evalAll(leftKeys, left);
        int[] hashes = GroupingTable.hashRows(probeKeys, left.rowCount());
        for (int l = 0; l < left.rowCount(); l++) {
            if (hasNull(probeKeys, l)) {
                continue;
            }
            int group = table.find(probeKeys, l, hashes[l]);
            for (int r = group < 0 ? -1 : head[group]; r >= 0; r = next[r]) {
                matches.add(l, r);
            }
        }
    }

    private static boolean hasNull(ColumnVector[] columns, int row) {
        for (ColumnVector c : columns) {
            if (c.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    private static ColumnVector[] evalAll(List<Expression> expressions, Chunk input) {
        ColumnVector[] out = new ColumnVector[expressions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expressions.get(i).eval(input);
        }
        return out;
    }

    private Matches filterResidual(Chunk left, Chunk right, Matches matches) {
        Chunk pairs = pairChunk(left, right, matches.left, matches.right, matches.count);
        ColumnVector mask = residual.eval(pairs);
        boolean[] keep = ((BooleanVector) mask).values();
        Matches kept = new Matches();
        for (int i = 0; i < matches.count; i++) {
            if (keep[i] && !mask.isNull(i)) {
                kept.add(matches.left[i], matches.right[i]);
            }
        }
        return kept;
    }

    private List<Chunk> emit(Chunk left, Chunk right, Matches matches) {
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
        Matches out = matches;
        if (joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER || joinType == JoinType.RIGHT_OUTER) {
            out = new Matches();
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

    private static int[] sortedByLeft(Matches matches) {
        int[] order = new int[Math.max(matches.count, 1)];
        for (int i = 0; i < matches.count; i++) {
            order[i] = i;
        }
        int[] scratch = new int[order.length];
        SortOperator.mergeSort(order, scratch, 0, matches.count, (a, b) -> Integer.compare(matches.left[a], matches.left[b]));
        return order;
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

    /** Growing list of (left row, right row) pairs; -1 means "no row" (NULL padding). */
    private static final class Matches {
        int[] left = new int[64];
        int[] right = new int[64];
        int count;

        void add(int l, int r) {
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
