package dev.sluice.sql;

import dev.sluice.api.java.Tuple2;
import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Dataset.joinWith} as Spark plans it: the join of both plans, then one column per side, {@code _1} and
 * {@code _2}, holding that side's object (its encoder's single column, or a struct of its columns); on the
 * outer side of an outer join the struct is null when the side has no match (a hidden marker column tells).
 * Stateless.
 */
final class JoinWith {
    private static final String MARKER = "__joinWith_present";

    private JoinWith() {
    }

    static <T, U> Dataset<Tuple2<T, U>> joinWith(Dataset<T> left, Dataset<U> right, Column condition,
                                                 String joinTypeName) {
        JoinType type = JoinType.fromString(joinTypeName);
        if (type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI) {
            throw new AnalysisException("INVALID_JOIN_TYPE_FOR_JOINWITH", "Invalid join type in joinWith: "
                    + (type == JoinType.LEFT_SEMI ? "LEFT SEMI" : "LEFT ANTI") + ".", "42613");
        }
        SluiceSession session = left.sparkSession();
        LogicalPlan leftPlan = marked(left.logicalPlan());
        LogicalPlan rightPlan = marked(right.logicalPlan());
        Join join = (Join) session.planBuilder().join(leftPlan, rightPlan, condition.expr(), type);
        // The right side may have been given fresh column ids (a self-join); its columns keep their positions.
        Map<Long, AttributeReference> renamed = new HashMap<>();
        List<AttributeReference> before = rightPlan.output();
        List<AttributeReference> after = join.right().output();
        for (int i = 0; i < before.size(); i++) {
            renamed.put(before.get(i).exprId(), after.get(i));
        }
        Column first = side(left, join.left().output(), Map.of(), type.leftNullable());
        Column second = side(right, after, renamed, type.rightNullable());
        Dataset<Row> pairs = Dataset.ofRows(session, join).select(first.alias("_1"), second.alias("_2"));
        TupleEncoder<T, U> encoder = new TupleEncoder<>(left.encoder(), right.encoder(), pairs.schema());
        return pairs.as(encoder);
    }

    /** {@code plan} with a last column that is never null: null after the join means "no row on this side". */
    private static LogicalPlan marked(LogicalPlan plan) {
        List<Expression> columns = new ArrayList<>(plan.output());
        columns.add(new Alias(new Literal(true, DataTypes.BooleanType), MARKER));
        LogicalPlan marked = new Project(columns, plan);
        // the marker keeps the side's alias, so a self-join still tells its sides apart (DeduplicateRelations)
        java.util.Set<List<String>> qualifiers = new java.util.HashSet<>();
        plan.output().forEach(a -> qualifiers.add(a.qualifier()));
        if (qualifiers.size() == 1 && qualifiers.iterator().next().size() == 1) {
            return new dev.sluice.plan.logical.SubqueryAlias(qualifiers.iterator().next().get(0), marked);
        }
        return marked;
    }

    private static Column side(Dataset<?> ds, List<AttributeReference> joinedSide, Map<Long, AttributeReference> renamed,
                               boolean mayBeMissing) {
        List<Expression> deserializer = ds.deserializer();
        List<Column> columns = new ArrayList<>();
        for (Expression e : deserializer) {
            columns.add(new Column(e.transformUp(x -> x instanceof AttributeReference a && renamed.containsKey(a.exprId())
                    ? renamed.get(a.exprId()) : x)));
        }
        if (TupleEncoder.isFlat(ds.encoder())) {
            return columns.get(0);
        }
        Column struct = functions.struct(columns.toArray(new Column[0]));
        if (!mayBeMissing) {
            return struct;
        }
        AttributeReference marker = joinedSide.get(joinedSide.size() - 1);
        return functions.when(new Column(marker).isNotNull(), struct);
    }
}
