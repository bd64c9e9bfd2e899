package dev.sluice.stream;

import dev.sluice.exec.JoinOperator;
import dev.sluice.expr.Arithmetic;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.CalendarInterval;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Comparison;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.TimeAdd;
import dev.sluice.expr.UnaryMinus;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.Join;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Spark's rules for the state of a stream-stream join ({@code StreamingJoinHelper}): whether a join key
 * carries event time, and the "state value watermark" of one side implied by a range condition on event
 * time. For {@code clickTime <= impressionTime + interval 1 hour} and a watermark {@code W} on
 * {@code clickTime}, impressions with {@code impressionTime <= W - 1 hour - 1 ms} can never match a click
 * again. As in Spark, each conjunct {@code a < b} ({@code <=, >, >=}) is rewritten as a sum of terms
 * {@code a - b < 0} (additions, subtractions, {@code timestamp + interval}, negations, numeric/timestamp
 * casts, columns and literals); it yields a bound when exactly one term is a column of the side being
 * bounded, negated, and every other term is a literal or the other side's event-time column. Intervals
 * with months give no bound. Stateless.
 */
final class StreamingJoinHelper {
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private StreamingJoinHelper() {
    }

    /** Whether an equi-join key of {@code join} (either side) is an event-time column. */
    static boolean isWatermarkInJoinKeys(Join join) {
        return joinKeyOrdinalForWatermark(join) >= 0;
    }

    /**
     * The first key position whose left key, else right key, is an event-time column; -1 if none. A
     * {@code <=>} key never counts: Spark rewrites it into {@code coalesce}/{@code isnull} keys, which are not
     * columns, so its watermark does not evict state there either.
     */
    static int joinKeyOrdinalForWatermark(Join join) {
        JoinOperator.EquiJoinKeys keys = JoinOperator.extractEquiJoinKeys(join);
        int ordinal = eventTimeOrdinal(keys.leftKeys(), keys.nullSafe(), EventTimeColumns.of(join.left()));
        return ordinal >= 0 ? ordinal
                : eventTimeOrdinal(keys.rightKeys(), keys.nullSafe(), EventTimeColumns.of(join.right()));
    }

    private static int eventTimeOrdinal(List<Expression> keys, List<Boolean> nullSafe, Map<Long, Long> eventTime) {
        for (int i = 0; i < keys.size(); i++) {
            if (!nullSafe.get(i) && keys.get(i) instanceof AttributeReference a && eventTime.containsKey(a.exprId())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The state value watermark (epoch ms) of the side whose columns are {@code sideIds}, implied by
     * {@code condition} and the event-time watermark {@code eventWatermarkMs} of the other side's event-time
     * columns ({@code otherEventTime}, ids of the other side's output in {@code otherIds}): state rows of
     * that side whose time is at or before it can be evicted. Empty when the condition implies no bound.
     */
    static OptionalLong stateValueWatermark(Set<Long> sideIds, Set<Long> otherIds, Map<Long, Long> otherEventTime,
                                            Expression condition, long eventWatermarkMs) {
        if (condition == null || otherIds.stream().noneMatch(otherEventTime::containsKey)) {
            return OptionalLong.empty();
        }
        Bounds bounds = new Bounds(sideIds, otherIds, otherEventTime, eventWatermarkMs);
        OptionalLong min = OptionalLong.empty();
        for (Expression conjunct : JoinOperator.conjuncts(condition)) {
            if (!(conjunct instanceof Comparison c)) {
                continue;
            }
            // the state watermark is inclusive (rows <= it are evicted): "time >= W" must keep W, hence -1
            OptionalLong bound = switch (c.op()) {
                case LESS_THAN -> bounds.fromLessThan(c.left(), c.right(), 0);
                case LESS_THAN_OR_EQUAL -> bounds.fromLessThan(c.left(), c.right(), 1);
                case GREATER_THAN -> bounds.fromLessThan(c.right(), c.left(), 0);
                case GREATER_THAN_OR_EQUAL -> bounds.fromLessThan(c.right(), c.left(), 1);
                default -> OptionalLong.empty();
            };
            if (bound.isPresent()) {
                min = OptionalLong.of(min.isPresent() ? Math.min(min.getAsLong(), bound.getAsLong()) : bound.getAsLong());
            }
        }
        return min;
    }

    /** One additive term: a column ({@code exprId}) or a constant in microseconds, maybe negated. */
    private record Term(boolean negated, Long exprId, double micros) {
    }

    /** Solves {@code left < right} for the bounded side's column. */
    private record Bounds(Set<Long> sideIds, Set<Long> otherIds, Map<Long, Long> otherEventTime, long watermarkMs) {
        OptionalLong fromLessThan(Expression left, Expression right, long minus) {
            Set<Long> referenced = new LinkedHashSet<>();
            for (Expression e : List.of(left, right)) {
                List<AttributeReference> refs = new ArrayList<>();
                e.collect(AttributeReference.class, refs);
                refs.forEach(a -> referenced.add(a.exprId()));
            }
            if (referenced.stream().filter(sideIds::contains).count() > 1
                    || referenced.stream().filter(otherIds::contains).count() > 1) {
                return OptionalLong.empty(); // several columns of one side: not solvable
            }
            // canonical form: left - right < 0, as a set of terms (equal terms count once, as Spark's ExpressionSet)
            List<Term> collected = new ArrayList<>();
            if (!collect(left, false, collected) || !collect(right, true, collected)) {
                return OptionalLong.empty();
            }
            Set<Term> terms = new LinkedHashSet<>(collected);
            List<Term> constraint = terms.stream().filter(t -> t.exprId() != null && sideIds.contains(t.exprId()))
                    .toList();
            // only "-sideTime + rest < 0", i.e. "rest < sideTime", bounds the side's time from below
            if (constraint.size() != 1 || !constraint.get(0).negated()) {
                return OptionalLong.empty();
            }
            terms.remove(constraint.get(0));
            if (terms.isEmpty()) {
                return OptionalLong.empty();
            }
            double sumMicros = 0;
            for (Term t : terms) {
                double value = t.micros();
                if (t.exprId() != null) {
                    if (!otherIds.contains(t.exprId()) || !otherEventTime.containsKey(t.exprId())) {
                        return OptionalLong.empty(); // a column without a watermark: no value to substitute
                    }
                    value = watermarkMs * 1000.0;
                }
                sumMicros += t.negated() ? -value : value;
            }
            return OptionalLong.of((long) (sumMicros / 1000.0) - minus);
        }

        /** Appends the terms of {@code e} (negated when {@code negate}); false when {@code e} is not a sum of terms. */
        private static boolean collect(Expression e, boolean negate, List<Term> out) {
            if (e instanceof Arithmetic a && (a.op() == Arithmetic.Op.ADD || a.op() == Arithmetic.Op.SUBTRACT)) {
                return collect(a.left(), negate, out)
                        && collect(a.right(), a.op() == Arithmetic.Op.SUBTRACT ? !negate : negate, out);
            }
            if (e instanceof TimeAdd t) {
                return collect(t.left(), negate, out) && collect(t.right(), negate, out);
            }
            if (e instanceof UnaryMinus m) {
                return collect(m.child(), !negate, out);
            }
            if (e instanceof Cast c) {
                DataType to = c.targetType();
                return (to.isNumeric() || to.equals(DataTypes.TimestampType)) && collect(c.child(), negate, out);
            }
            if (e instanceof AttributeReference a) {
                out.add(new Term(negate, a.exprId(), 0));
                return true;
            }
            if (e instanceof Literal l && l.value() != null) {
                Double micros = literalMicros(l);
                if (micros == null) {
                    return false;
                }
                out.add(new Term(negate, null, micros));
                return true;
            }
            return false;
        }

        /** A literal as microseconds (numbers are seconds), or null for what cannot be a time term. */
        private static Double literalMicros(Literal l) {
            Object v = l.value();
            if (v instanceof CalendarInterval iv) {
                // months have no fixed length: Spark refuses them for watermark calculation
                return iv.months() != 0 ? null : (double) iv.days() * CalendarInterval.MICROS_PER_DAY + iv.microseconds();
            }
            if (l.dataType().equals(DataTypes.TimestampType)) {
                // Spark scales timestamp literals like numbers (seconds); kept as Spark does
                return ((Long) v) * MICROS_PER_SECOND;
            }
            if (l.dataType() instanceof DecimalType) {
                return ((BigDecimal) v).doubleValue() * MICROS_PER_SECOND;
            }
            if (l.dataType().isNumeric() && v instanceof Number n) {
                return n.doubleValue() * MICROS_PER_SECOND;
            }
            return null;
        }
    }
}
