package dev.sluice.analysis;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.UnresolvedAlias;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sqllite.SqlParser;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.JoinRelation;
import dev.sluice.sqllite.ast.Relation;
import dev.sluice.sqllite.ast.Select;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.SubqueryRelation;
import dev.sluice.sqllite.ast.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Plans a SQL {@code SELECT} (parsed by engine-sql-lite) with the same analyzer as the Dataset API:
 * FROM (temp views, joins, subqueries) → WHERE → GROUP BY/aggregates → HAVING → SELECT → DISTINCT → ORDER BY
 * → LIMIT. Immutable.
 */
public final class SqlPlanner {
    private static final String HAVING_COLUMN = "__having_condition";
    private static final String HIDDEN_ORDER = "__order_";

    private final PlanBuilder builder;
    private final Function<List<String>, LogicalPlan> tables;
    private final QueryParameters parameters;

    /** {@code tables} resolves a (possibly qualified) table name to its plan, or throws. */
    public SqlPlanner(PlanBuilder builder, Function<List<String>, LogicalPlan> tables) {
        this(builder, tables, QueryParameters.NONE);
    }

    /** As above, with the arguments of a parameterized query ({@code sql(text, args)}). */
    public SqlPlanner(PlanBuilder builder, Function<List<String>, LogicalPlan> tables, QueryParameters parameters) {
        this.builder = builder;
        this.tables = tables;
        this.parameters = parameters;
    }

    /** Converts an AST expression and binds its parameter markers. */
    private Expression convert(Expr e) {
        return bind(AstConverter.convert(e));
    }

    private Expression bind(Expression e) {
        return parameters == QueryParameters.NONE ? e : e.transformUp(parameters::bind);
    }

    /** Parses and plans one SELECT statement. */
    public LogicalPlan plan(String sql) {
        return dev.sluice.sql.catalyst.parser.ParseException.parsing(() -> plan(SqlParser.parseQuery(sql)));
    }

    public LogicalPlan plan(Select select) {
        LogicalPlan plan = select.from() == null ? oneRow() : relation(select.from());
        if (select.where() != null) {
            plan = builder.filter(plan, convert(select.where()));
        }
        List<Expression> projections = new ArrayList<>();
        for (Expr e : select.projections()) {
            Expression p = convert(e);
            projections.add(p instanceof Alias || p instanceof UnresolvedAttribute
                    || p instanceof dev.sluice.expr.UnresolvedStar ? p : new UnresolvedAlias(p));
        }
        boolean aggregates = !select.groupBy().isEmpty() || select.having() != null
                || projections.stream().anyMatch(SqlPlanner::callsAggregate);
        LogicalPlan input = plan;
        if (aggregates) {
            plan = aggregate(plan, select, projections, List.of());
        } else {
            plan = builder.project(plan, projections);
        }
        if (select.distinct()) {
            plan = builder.deduplicate(plan, List.of());
        }
        if (!select.orderBy().isEmpty()) {
            List<Expression> orders = new ArrayList<>();
            for (SortItem item : select.orderBy()) {
                SortOrder order = (SortOrder) bind(AstConverter.sortOrder(item));
                if (item.expr() instanceof IntLiteral ordinal) {
                    AttributeReference column = byOrdinal(plan, ordinal.value(), "ORDER BY");
                    order = new SortOrder(column, order.ascending(), order.nullsFirst());
                }
                orders.add(order);
            }
            if (select.distinct()) {
                plan = builder.sortResolved(plan, orders); // Spark's Distinct hides the columns below it
            } else {
                plan = aggregates ? sortAggregate(input, select, projections, plan, orders) : builder.sort(plan, orders);
            }
        }
        if (select.limit() != null) {
            Expression limit = convert(select.limit());
            if (!(limit instanceof Literal l) || !(l.value() instanceof Integer n) || n < 0) {
                throw new AnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "The limit like expression "
                        + limit.sql() + " must be a non-negative integer literal.", "42K0E");
            }
            plan = new Limit(n, plan);
        }
        return plan;
    }

    /**
     * ORDER BY over an aggregation: an order that is not a column of the select list (a grouping column or an
     * aggregate left out of it, {@code GROUP BY a ORDER BY sum(x)}) becomes a hidden output of the aggregation,
     * projected away after the sort, as Spark's ResolveAggregateFunctions/ResolveMissingReferences do.
     */
    private LogicalPlan sortAggregate(LogicalPlan input, Select select, List<Expression> projections,
            LogicalPlan aggregated, List<Expression> orders) {
        List<Expression> hidden = new ArrayList<>();
        List<Expression> keys = new ArrayList<>();
        for (Expression o : orders) {
            SortOrder order = (SortOrder) o;
            if (!callsAggregate(order) && resolves(order, aggregated)) {
                keys.add(order);
            } else {
                String name = HIDDEN_ORDER + hidden.size();
                hidden.add(new Alias(order.child(), name));
                keys.add(new SortOrder(new UnresolvedAttribute(List.of(name)), order.ascending(), order.nullsFirst()));
            }
        }
        if (hidden.isEmpty()) {
            return builder.sort(aggregated, orders);
        }
        LogicalPlan wide = aggregate(input, select, projections, hidden);
        List<AttributeReference> columns = wide.output();
        return new Project(new ArrayList<>(columns.subList(0, columns.size() - hidden.size())),
                builder.sort(wide, keys));
    }

    private boolean resolves(Expression e, LogicalPlan plan) {
        try {
            builder.resolve(e, plan);
            return true;
        } catch (AnalysisException unresolved) {
            if (unresolved.getCondition() != null && unresolved.getCondition().startsWith("UNRESOLVED_COLUMN")) {
                return false;
            }
            throw unresolved;
        }
    }

    /** The aggregation of the select list, then {@code hidden} columns (for ORDER BY), with HAVING applied. */
    private LogicalPlan aggregate(LogicalPlan child, Select select, List<Expression> projections,
            List<Expression> hidden) {
        List<Expression> grouping = new ArrayList<>();
        for (Expr g : select.groupBy()) {
            if (g instanceof IntLiteral ordinal) {
                if (ordinal.value() < 1 || ordinal.value() > projections.size()) {
                    throw new AnalysisException("GROUP_BY_POS_OUT_OF_RANGE", "GROUP BY position " + ordinal.value()
                            + " is not in select list (valid range is [1, " + projections.size() + "]).", "42805");
                }
                Expression p = projections.get(ordinal.value() - 1);
                grouping.add(p instanceof Alias a ? a.child() : p instanceof UnresolvedAlias u ? u.child() : p);
            } else {
                grouping.add(convert(g));
            }
        }
        List<Expression> outputs = new ArrayList<>(projections);
        outputs.addAll(hidden);
        if (select.having() != null) {
            outputs.add(new Alias(selectAliases(convert(select.having()), projections, child), HAVING_COLUMN));
        }
        LogicalPlan aggregated;
        try {
            aggregated = aggregateOf(child, select, grouping, outputs);
        } catch (AnalysisException notGrouped) {
            if (!"MISSING_AGGREGATION".equals(notGrouped.getCondition()) || outputs.size() == projections.size()) {
                throw notGrouped;
            }
            // Spark resolves ORDER BY and HAVING over the aggregation's output: a column neither grouped nor
            // aggregated is unknown there. Report it so, unless the select list itself is wrong.
            LogicalPlan selected = aggregateOf(child, select, grouping, projections);
            List<Expression> extra = new ArrayList<>(hidden);
            if (select.having() != null) {
                extra.add(convert(select.having()));
            }
            for (Expression e : extra) {
                List<UnresolvedAttribute> columns = new ArrayList<>();
                outsideAggregates(e instanceof Alias a ? a.child() : e, columns);
                for (UnresolvedAttribute column : columns) {
                    builder.resolve(column, selected); // throws UNRESOLVED_COLUMN for one the output lacks
                }
            }
            throw notGrouped;
        }
        if (select.having() == null) {
            return aggregated;
        }
        List<AttributeReference> columns = aggregated.output();
        AttributeReference condition = columns.get(columns.size() - 1);
        LogicalPlan filtered = new Filter(condition, aggregated);
        return new Project(new ArrayList<>(columns.subList(0, columns.size() - 1)), filtered);
    }

    private LogicalPlan aggregateOf(LogicalPlan child, Select select, List<Expression> grouping,
            List<Expression> outputs) {
        return select.groupingSets() == null ? builder.aggregateOnly(child, grouping, outputs)
                : GroupingSetsPlanner.aggregate(builder, child, grouping, setIndexes(select), outputs);
    }

    /** The column references of {@code e} outside aggregate function calls. */
    private static void outsideAggregates(Expression e, List<UnresolvedAttribute> out) {
        if (e instanceof dev.sluice.expr.UnresolvedFunction f
                && dev.sluice.expr.aggregate.AggregateFunctions.isAggregate(f.name())) {
            return;
        }
        if (e instanceof UnresolvedAttribute u) {
            out.add(u);
        }
        e.children().forEach(c -> outsideAggregates(c, out));
    }

    /**
     * HAVING may name a select-list alias ({@code SELECT count(*) c ... HAVING c > 0}), as in Spark: a name that is
     * not a column of the input but is an alias of the select list stands for the aliased expression.
     */
    private Expression selectAliases(Expression having, List<Expression> projections, LogicalPlan child) {
        return having.transformUp(x -> {
            if (!(x instanceof UnresolvedAttribute u) || u.nameParts().size() != 1 || resolves(u, child)) {
                return x;
            }
            for (Expression p : projections) {
                if (p instanceof Alias a && a.name().equalsIgnoreCase(u.nameParts().get(0))) {
                    return a.child();
                }
            }
            return x;
        });
    }

    /** Each grouping set as indexes into the GROUP BY expressions. */
    private static List<List<Integer>> setIndexes(Select select) {
        List<List<Integer>> sets = new ArrayList<>();
        for (List<Expr> set : select.groupingSets()) {
            sets.add(set.stream().map(e -> select.groupBy().indexOf(e)).toList());
        }
        return sets;
    }

    private static boolean callsAggregate(Expression e) {
        return e.exists(x -> x instanceof dev.sluice.expr.UnresolvedFunction f
                && dev.sluice.expr.aggregate.AggregateFunctions.isAggregate(f.name()))
                && !e.exists(x -> x instanceof dev.sluice.expr.window.WindowExpression);
    }

    private static AttributeReference byOrdinal(LogicalPlan plan, int ordinal, String clause) {
        List<AttributeReference> output = plan.output();
        if (ordinal < 1 || ordinal > output.size()) {
            throw new AnalysisException("ORDER_BY_POS_OUT_OF_RANGE", clause + " position " + ordinal
                    + " is not in select list (valid range is [1, " + output.size() + "]).", "42805");
        }
        return output.get(ordinal - 1);
    }

    private LogicalPlan relation(Relation relation) {
        if (relation instanceof TableRef t) {
            LogicalPlan table = tables.apply(t.name());
            return new SubqueryAlias(t.alias() != null ? t.alias() : t.name().get(t.name().size() - 1), table);
        }
        if (relation instanceof SubqueryRelation s) {
            LogicalPlan query = plan(s.query());
            return s.alias() == null ? query : new SubqueryAlias(s.alias(), query);
        }
        JoinRelation j = (JoinRelation) relation;
        LogicalPlan left = relation(j.left());
        LogicalPlan right = relation(j.right());
        JoinType type = JoinType.valueOf(j.type().name());
        if (!j.usingColumns().isEmpty()) {
            return builder.joinUsing(left, right, j.usingColumns(), type);
        }
        return builder.join(left, right, j.condition() == null ? null : convert(j.condition()), type);
    }

    private static LogicalPlan oneRow() {
        return new LocalRelation(List.of(), List.of(new Chunk(1)));
    }
}
