package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.GetStructField;
import dev.sluice.expr.Operators;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.TypeCoercion;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.UnresolvedStar;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.expr.generator.Explode;
import dev.sluice.expr.generator.Generator;
import dev.sluice.expr.generator.SessionWindow;
import dev.sluice.expr.generator.TimeWindow;
import dev.sluice.expr.window.WindowExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.plan.logical.Window;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyzer for the Dataset API: builds checked logical plan nodes from unresolved expressions. Expands
 * stars, names unaliased columns as Spark does, pulls generators (explode, sliding windows) into Generate
 * nodes, window functions into Window nodes and aggregates into Aggregate nodes. Immutable.
 */
public final class PlanBuilder {
    private final FunctionContext context;

    public PlanBuilder(FunctionContext context) {
        this.context = context;
    }

    public FunctionContext context() {
        return context;
    }

    public ExpressionResolver resolver(LogicalPlan plan) {
        return new ExpressionResolver(plan.output(), context);
    }

    /** Resolves one expression against a plan's output and checks every attribute it uses is there. */
    public Expression resolve(Expression e, LogicalPlan plan) {
        Expression resolved;
        try {
            resolved = resolver(plan).resolve(e);
        } catch (AnalysisException unresolved) {
            // Spark's analyzer reports an unknown column with the plan it looked in (ExtendedAnalysisException).
            if (unresolved.getCondition() != null && unresolved.getCondition().startsWith("UNRESOLVED_COLUMN")) {
                throw unresolved.withPlan(plan.treeString());
            }
            throw unresolved;
        }
        checkAttributes(resolved, plan.output());
        return resolved;
    }

    static void checkAttributes(Expression e, List<AttributeReference> input) {
        List<AttributeReference> refs = new ArrayList<>();
        e.collect(AttributeReference.class, refs);
        for (AttributeReference a : refs) {
            if (input.stream().noneMatch(x -> x.exprId() == a.exprId())) {
                throw new AnalysisException("MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION", "Resolved"
                        + " attribute(s) `" + a.name() + "` missing from " + String.join(",", input.stream()
                        .map(x -> "`" + x.name() + "`").toList()) + " in operator. Attribute(s) with the same name"
                        + " appear in the operation: `" + a.name() + "`. Please check if the right attribute(s)"
                        + " are used.", "XX000");
            }
        }
    }

    /** Expands {@code *} and {@code a.*} into the columns they stand for. */
    public List<Expression> expandStars(List<Expression> expressions, LogicalPlan plan) {
        List<Expression> out = new ArrayList<>();
        for (Expression e : expressions) {
            if (e instanceof UnresolvedStar s) {
                out.addAll(expandStar(s, plan));
            } else {
                out.add(expandStarArguments(e, plan));
            }
        }
        return out;
    }

    /**
     * A star among a function's arguments ({@code struct(*)}, {@code to_json(struct(t.*))}, {@code hash(*)}) stands
     * for the columns it names, as Spark's {@code ResolveReferences} expands it; {@code count(*)} was made
     * {@code count(1)} before.
     */
    private Expression expandStarArguments(Expression e, LogicalPlan plan) {
        List<Expression> children = e.children();
        boolean stars = e instanceof dev.sluice.expr.UnresolvedFunction
                && children.stream().anyMatch(c -> c instanceof UnresolvedStar);
        List<Expression> expanded = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expression child : children) {
            if (stars && child instanceof UnresolvedStar star) {
                expanded.addAll(expandStar(star, plan));
                changed = true;
            } else {
                Expression c = expandStarArguments(child, plan);
                changed |= c != child;
                expanded.add(c);
            }
        }
        return changed ? e.withNewChildren(expanded) : e;
    }

    private List<Expression> expandStar(UnresolvedStar star, LogicalPlan plan) {
        if (star.qualifier().isEmpty()) {
            return new ArrayList<>(plan.output());
        }
        List<Expression> qualified = new ArrayList<>();
        for (AttributeReference a : plan.output()) {
            if (!a.qualifier().isEmpty() && String.join(".", a.qualifier()).equalsIgnoreCase(String.join(".", star.qualifier()))) {
                qualified.add(a);
            }
        }
        if (!qualified.isEmpty()) {
            return qualified;
        }
        Expression base = resolve(new UnresolvedAttribute(star.qualifier()), plan);
        if (!(base.dataType() instanceof StructType s)) {
            throw new AnalysisException("CANNOT_RESOLVE_STAR_EXPAND", "Cannot resolve " + star.sql()
                    + " given input columns " + plan.output().stream().map(AttributeReference::name).toList()
                    + ".", "42704");
        }
        List<Expression> fields = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            fields.add(new Alias(new GetStructField(base, i), s.apply(i).name()));
        }
        return fields;
    }

    /** {@code SELECT expressions FROM plan}, with generators, window functions and aggregates handled. */
    public LogicalPlan project(LogicalPlan plan, List<Expression> expressions) {
        List<Expression> resolved = new ArrayList<>();
        for (Expression e : expandStars(expressions, plan)) {
            resolved.add(resolve(e, plan));
        }
        boolean hasAggregate = resolved.stream().anyMatch(e -> containsAggregateOutsideWindow(e));
        if (hasAggregate && resolved.stream().anyMatch(GenerateOverAggregate::isExplode)) {
            return GenerateOverAggregate.plan(this, plan, resolved);
        }
        if (hasAggregate) {
            return aggregateResolved(plan, List.of(), resolved);
        }
        // Generators: at most one per select, as Spark.
        LogicalPlan child = plan;
        List<Expression> projections = new ArrayList<>();
        boolean generated = false;
        for (Expression e : resolved) {
            Expression inner = e instanceof Alias a ? a.child() : e;
            if (inner instanceof Generator g && !(inner instanceof TimeWindow tw && tw.isTumbling())) {
                if (generated) {
                    throw new AnalysisException("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", "The generator is not"
                            + " supported: only one generator allowed per SELECT clause but found 2.", "42K0E");
                }
                generated = true;
                List<AttributeReference> generatorOutput = new ArrayList<>();
                for (StructField f : g.elementSchema()) {
                    String name = e instanceof Alias a && g.elementSchema().size() == 1 ? a.name() : f.name();
                    generatorOutput.add(AttributeReference.create(name, f.dataType(), f.nullable()
                            || (inner instanceof Explode x && x.outer())));
                }
                child = new Generate(g, inner instanceof Explode x && x.outer(), generatorOutput, child);
                projections.addAll(generatorOutput);
            } else {
                projections.add(e);
            }
        }
        if (containsWindow(projections)) {
            return projectWithWindows(child, projections);
        }
        List<Expression> named = new ArrayList<>();
        for (Expression e : projections) {
            named.add(ExpressionResolver.named(e));
        }
        return new Project(named, child);
    }

    private static boolean containsWindow(List<Expression> expressions) {
        return expressions.stream().anyMatch(e -> e.exists(x -> x instanceof WindowExpression));
    }

    private static boolean containsAggregateOutsideWindow(Expression e) {
        if (e instanceof WindowExpression w) {
            // The window's own function is evaluated by the Window node, but an aggregate in its arguments or
            // specs (lag(avg(a)) OVER (...)) is a grouping below the window, as Spark plans it.
            List<Expression> inner = new ArrayList<>(w.function().children());
            inner.addAll(w.partitionSpec());
            inner.addAll(w.orderSpec());
            return inner.stream().anyMatch(PlanBuilder::containsAggregateOutsideWindow);
        }
        if (e instanceof AggregateFunction) {
            return true;
        }
        for (Expression c : e.children()) {
            if (containsAggregateOutsideWindow(c)) {
                return true;
            }
        }
        return false;
    }

    /** Window functions: one Window node per distinct (PARTITION BY, ORDER BY), then the projection. */
    private LogicalPlan projectWithWindows(LogicalPlan child, List<Expression> projections) {
        Map<String, List<Alias>> bySpec = new LinkedHashMap<>();
        Map<String, WindowExpression> specOf = new LinkedHashMap<>();
        List<Expression> rewritten = new ArrayList<>();
        for (Expression e : projections) {
            String name = ExpressionResolver.autoName(e);
            Expression inner = e instanceof Alias a ? a.child() : e;
            Expression replaced = inner.transformUp(x -> {
                if (x instanceof WindowExpression w) {
                    String key = w.partitionSpec().stream().map(Expression::sql).toList() + "|"
                            + w.orderSpec().stream().map(Expression::sql).toList();
                    Alias alias = new Alias(w, w.sql());
                    bySpec.computeIfAbsent(key, k -> new ArrayList<>()).add(alias);
                    specOf.putIfAbsent(key, w);
                    return alias.toAttribute();
                }
                return x;
            });
            rewritten.add(replaced instanceof AttributeReference a && e instanceof AttributeReference ? a
                    : e instanceof Alias al ? new Alias(replaced, name, al.exprId(), al.explicitMetadata())
                    : new Alias(replaced, name));
        }
        LogicalPlan current = child;
        for (Map.Entry<String, List<Alias>> entry : bySpec.entrySet()) {
            WindowExpression spec = specOf.get(entry.getKey());
            current = new Window(new ArrayList<>(entry.getValue()), spec.partitionSpec(), spec.orderSpec(), current);
        }
        List<Expression> named = new ArrayList<>();
        for (Expression e : rewritten) {
            named.add(e instanceof Alias a && a.child() instanceof AttributeReference ref && ref.name().equals(a.name())
                    && child.output().contains(ref) ? ref : e);
        }
        return new Project(named, current);
    }

    /** {@code withColumn}: replaces a same-named column in place or appends a new one. */
    public LogicalPlan withColumn(LogicalPlan plan, String name, Expression expression) {
        List<Expression> columns = new ArrayList<>();
        boolean replaced = false;
        for (AttributeReference a : plan.output()) {
            if (a.name().equalsIgnoreCase(name)) {
                columns.add(Alias.rename(expression, name));
                replaced = true;
            } else {
                columns.add(a);
            }
        }
        if (!replaced) {
            columns.add(Alias.rename(expression, name));
        }
        return project(plan, columns);
    }

    /**
     * Keeps the rows matching a boolean condition. The condition may name a column a projection below dropped; it
     * is brought up for the filter and projected away after it (Spark's ResolveMissingReferences).
     */
    public LogicalPlan filter(LogicalPlan plan, Expression condition) {
        Expression resolved = resolvedOrNull(condition, plan);
        if (resolved == null) {
            Expression wide = resolvedOrNull(new ExpressionResolver(MissingReferences.reachable(plan), context),
                    condition);
            LogicalPlan widened = wide == null ? null
                    : MissingReferences.addMissing(plan, MissingReferences.missing(wide, plan));
            if (widened == null) {
                resolve(condition, plan); // throws Spark's error for the column
            }
            return new Project(new ArrayList<>(plan.output()), filter(widened, wide));
        }
        return filterResolved(plan, resolved);
    }

    private LogicalPlan filterResolved(LogicalPlan plan, Expression resolved) {
        if (!resolved.dataType().equals(DataTypes.BooleanType)) {
            throw new AnalysisException("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "Cannot resolve \"" + resolved.sql()
                    + "\" due to data type mismatch: Filter expression \"" + resolved.sql() + "\" of type \""
                    + resolved.dataType().sql() + "\" is not a boolean.", "42K09");
        }
        if (resolved.exists(x -> x instanceof AggregateFunction)) {
            throw new AnalysisException("INVALID_WHERE_CONDITION", "The WHERE condition \"" + resolved.sql()
                    + "\" contains invalid expressions: " + resolved.sql() + ". Rewrite the query to avoid window"
                    + " functions, aggregate functions, and generator functions in the WHERE clause.", "42903");
        }
        // Scans that can evaluate filters where the data lives (JDBC, Parquet) get them now, so explain() shows them.
        return new Filter(resolved, ScanPushdown.pushFilter(plan, resolved));
    }

    /** {@code groupBy(grouping).agg(aggregates)}: output is the grouping columns then the aggregates. */
    public LogicalPlan aggregate(LogicalPlan plan, List<Expression> grouping, List<Expression> aggregates) {
        LogicalPlan child = plan;
        List<Expression> resolvedGrouping = new ArrayList<>();
        for (Expression g : expandStars(grouping, plan)) {
            Expression r = resolve(g, plan);
            Expression inner = r instanceof Alias a ? a.child() : r;
            if (inner instanceof TimeWindow w) {
                // Time windows become a generated column named "window" (several per row when sliding).
                AttributeReference window = AttributeReference.create(r instanceof Alias a ? a.name()
                        : TimeWindow.COLUMN_NAME, TimeWindow.TYPE, w.nullable());
                child = new Generate(w, false, List.of(window), child);
                r = window;
            }
            resolvedGrouping.add(r);
        }
        Grouping sessions = planSessions(child, resolvedGrouping);
        child = sessions.child();
        resolvedGrouping = sessions.grouping();
        List<Expression> outputs = new ArrayList<>();
        for (Expression g : resolvedGrouping) {
            outputs.add(g);
        }
        for (Expression a : expandStars(aggregates, plan)) {
            Expression r = resolve(a, plan);
            outputs.add(replaceWindows(r, resolvedGrouping));
        }
        return aggregateResolved(child, resolvedGrouping, outputs);
    }

    /**
     * SQL's GROUP BY: like {@link #aggregate} but the output is exactly {@code outputs} (grouping columns
     * appear only where the SELECT list names them).
     */
    public LogicalPlan aggregateOnly(LogicalPlan plan, List<Expression> grouping, List<Expression> outputs) {
        LogicalPlan child = plan;
        List<Expression> resolvedGrouping = new ArrayList<>();
        for (Expression g : grouping) {
            Expression r = resolve(g, plan);
            if (r instanceof TimeWindow w) {
                AttributeReference window = AttributeReference.create(TimeWindow.COLUMN_NAME, TimeWindow.TYPE,
                        w.nullable());
                child = new Generate(w, false, List.of(window), child);
                r = window;
            }
            resolvedGrouping.add(r);
        }
        Grouping sessions = planSessions(child, resolvedGrouping);
        child = sessions.child();
        resolvedGrouping = sessions.grouping();
        List<Expression> resolvedOutputs = new ArrayList<>();
        for (Expression o : expandStars(outputs, plan)) {
            resolvedOutputs.add(replaceWindows(resolve(o, plan), resolvedGrouping));
        }
        return aggregateResolved(child, resolvedGrouping, resolvedOutputs);
    }

    /** A grouping's input plan and its grouping expressions. */
    private record Grouping(LogicalPlan child, List<Expression> grouping) {
    }

    /**
     * Session windows: a {@code session_window(...)} grouping becomes a {@code session_window} column that an
     * {@link UpdateSessions} node below the aggregation computes per value of the other grouping keys.
     */
    private static Grouping planSessions(LogicalPlan child, List<Expression> grouping) {
        SessionWindow session = null;
        AttributeReference sessionAttribute = null;
        List<Expression> out = new ArrayList<>();
        for (Expression r : grouping) {
            if ((r instanceof Alias a ? a.child() : r) instanceof SessionWindow s) {
                if (session != null) {
                    throw new AnalysisException("UNSUPPORTED_FEATURE.MULTIPLE_SESSION_WINDOWS", "Multiple"
                            + " session_window expressions in one aggregation are not supported.", "0A000");
                }
                session = s;
                sessionAttribute = AttributeReference.create(r instanceof Alias a ? a.name()
                        : SessionWindow.COLUMN_NAME, TimeWindow.TYPE, false);
                r = sessionAttribute;
            }
            out.add(r);
        }
        if (session == null) {
            return new Grouping(child, grouping);
        }
        List<Expression> keys = new ArrayList<>();
        for (Expression g : out) {
            if (g != sessionAttribute) {
                keys.add(g instanceof Alias a ? a.child() : g);
            }
        }
        return new Grouping(new UpdateSessions(keys, session, sessionAttribute, child), out);
    }

    private static Expression replaceWindows(Expression e, List<Expression> grouping) {
        return e.transformUp(x -> {
            if (x instanceof TimeWindow || x instanceof SessionWindow) {
                for (Expression g : grouping) {
                    if (g instanceof AttributeReference a && a.dataType().equals(TimeWindow.TYPE)) {
                        return a;
                    }
                }
            }
            return x;
        });
    }

    LogicalPlan aggregateResolved(LogicalPlan child, List<Expression> grouping, List<Expression> outputs) {
        List<Expression> groupingForPlan = new ArrayList<>();
        for (Expression g : grouping) {
            groupingForPlan.add(g instanceof Alias a ? a.child() : g);
        }
        List<Expression> named = new ArrayList<>();
        for (Expression o : outputs) {
            checkGrouped(o instanceof Alias a ? a.child() : o, groupingForPlan);
            named.add(ExpressionResolver.named(o));
        }
        return new Aggregate(groupingForPlan, named, child);
    }

    private static void checkGrouped(Expression e, List<Expression> grouping) {
        for (Expression g : grouping) {
            if (g.semanticEquals(e)) {
                return;
            }
        }
        if (e instanceof AggregateFunction) {
            for (Expression arg : e.children()) {
                if (arg.exists(x -> x instanceof AggregateFunction)) {
                    throw new AnalysisException("NESTED_AGGREGATE_FUNCTION", "It is not allowed to use an aggregate"
                            + " function in the argument of another aggregate function. Please use the inner"
                            + " aggregate function in a sub-query.", "42607");
                }
            }
            return;
        }
        if (e instanceof AttributeReference a) {
            throw new AnalysisException("MISSING_AGGREGATION", "The non-aggregating expression \"" + a.name()
                    + "\" is based on columns which are not participating in the GROUP BY clause. Add the columns or"
                    + " the expression to the GROUP BY, aggregate the expression, or use \"any_value(" + a.name()
                    + ")\" if you do not care which of the values within a group is returned.", "42803");
        }
        for (Expression c : e.children()) {
            checkGrouped(c, grouping);
        }
    }

    /**
     * Sorts by the given orders (plain expressions sort ascending). An order may name a column a projection below
     * dropped; it is brought up for the sort and projected away after it (Spark's ResolveMissingReferences).
     */
    public LogicalPlan sort(LogicalPlan plan, List<Expression> orders) {
        try {
            return sortResolved(plan, orders);
        } catch (AnalysisException unresolved) {
            if (!isUnresolvedColumn(unresolved)) {
                throw unresolved;
            }
            List<Expression> resolved = new ArrayList<>();
            List<AttributeReference> missing = new ArrayList<>();
            ExpressionResolver wide = new ExpressionResolver(MissingReferences.reachable(plan), context);
            for (Expression o : orders) {
                Expression r = resolvedOrNull(o, plan);
                if (r == null) {
                    r = resolvedOrNull(wide, o);
                }
                if (r == null) {
                    throw unresolved;
                }
                resolved.add(r);
                MissingReferences.missing(r, plan).forEach(a -> addOnce(missing, a));
            }
            LogicalPlan widened = MissingReferences.addMissing(plan, missing);
            if (widened == null) {
                throw unresolved;
            }
            return new Project(new ArrayList<>(plan.output()), sortResolved(widened, resolved));
        }
    }

    private static boolean isUnresolvedColumn(AnalysisException e) {
        return e.getCondition() != null && e.getCondition().startsWith("UNRESOLVED_COLUMN");
    }

    private Expression resolvedOrNull(Expression e, LogicalPlan plan) {
        try {
            return resolve(e, plan);
        } catch (AnalysisException unresolved) {
            if (isUnresolvedColumn(unresolved)) {
                return null;
            }
            throw unresolved;
        }
    }

    private static Expression resolvedOrNull(ExpressionResolver resolver, Expression e) {
        try {
            return resolver.resolve(e);
        } catch (AnalysisException unresolved) {
            if (isUnresolvedColumn(unresolved)) {
                return null;
            }
            throw unresolved;
        }
    }

    private static void addOnce(List<AttributeReference> columns, AttributeReference a) {
        if (columns.stream().noneMatch(x -> x.exprId() == a.exprId())) {
            columns.add(a);
        }
    }

    /** Sorts by orders over {@code plan}'s own columns only (SQL's {@code SELECT DISTINCT ... ORDER BY}). */
    public LogicalPlan sortResolved(LogicalPlan plan, List<Expression> orders) {
        List<SortOrder> resolved = new ArrayList<>();
        for (Expression o : orders) {
            SortOrder order = o instanceof SortOrder s ? s : SortOrder.of(o, true);
            SortOrder r = (SortOrder) resolve(order, plan);
            if (!dev.sluice.expr.ValueOrdering.isOrderable(r.dataType())) {
                throw new AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "Cannot resolve \"" + r.sql()
                        + "\" due to data type mismatch: sort does not support ordering on type \""
                        + r.dataType().sql() + "\".", "42K09");
            }
            resolved.add(r);
        }
        return new Sort(resolved, plan);
    }

    /** Joins on an arbitrary condition (null = cross). */
    public LogicalPlan join(LogicalPlan left, LogicalPlan right, Expression condition, JoinType type) {
        return new JoinPlanner(context).join(left, right, condition, type);
    }

    /** Joins on equally named columns; each appears once in the output, first. */
    public LogicalPlan joinUsing(LogicalPlan left, LogicalPlan right, List<String> columns, JoinType type) {
        return new JoinPlanner(context).joinUsing(left, right, columns, type);
    }

    /** UNION ALL by position, casting columns to their common type. */
    public LogicalPlan union(LogicalPlan left, LogicalPlan right) {
        return new UnionPlanner(context).union(left, right);
    }

    /** UNION ALL matching columns by name. */
    public LogicalPlan unionByName(LogicalPlan left, LogicalPlan right) {
        return new UnionPlanner(context).unionByName(left, right);
    }

    /** {@code unionByName(other, allowMissingColumns)}: see {@link UnionPlanner#unionByName(LogicalPlan, LogicalPlan, boolean)}. */
    public LogicalPlan unionByName(LogicalPlan left, LogicalPlan right, boolean allowMissingColumns) {
        return new UnionPlanner(context).unionByName(left, right, allowMissingColumns);
    }

    /** {@code dropDuplicates(columns)}: empty means all columns. */
    public LogicalPlan deduplicate(LogicalPlan plan, List<String> columns) {
        return deduplicate(plan, columns, false);
    }

    /** {@code dropDuplicates} or, with {@code withinWatermark}, {@code dropDuplicatesWithinWatermark}. */
    public LogicalPlan deduplicate(LogicalPlan plan, List<String> columns, boolean withinWatermark) {
        List<AttributeReference> keys = new ArrayList<>();
        if (columns.isEmpty()) {
            keys.addAll(plan.output());
        } else {
            ExpressionResolver r = resolver(plan);
            for (String c : columns) {
                Expression e = r.resolveName(List.of(c));
                if (!(e instanceof AttributeReference a)) {
                    throw r.unresolvedColumn(c);
                }
                keys.add(a);
            }
        }
        return new Deduplicate(keys, withinWatermark, plan);
    }

    /**
     * {@code withWatermark(eventTime, delayThreshold)}: an {@code EventTimeWatermark} over {@code plan}.
     *
     * @throws AnalysisException {@code CANNOT_PARSE_INTERVAL} for a bad delay, {@code UNRESOLVED_COLUMN} for
     *                           an unknown column, {@code EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE} for a column
     *                           that is neither a timestamp nor a window struct
     * @throws IllegalArgumentException for a negative delay (Spark's {@code require})
     */
    public LogicalPlan withWatermark(LogicalPlan plan, String eventTime, String delayThreshold) {
        dev.sluice.expr.CalendarInterval delay;
        try {
            delay = dev.sluice.expr.CalendarInterval.parse(delayThreshold);
        } catch (RuntimeException e) {
            throw dev.sluice.expr.CalendarInterval.cannotParse(delayThreshold, e);
        }
        long delayMs = delay.months() * 31L * 86_400_000L + delay.days() * 86_400_000L + delay.microseconds() / 1000;
        if (delay.months() < 0 || delay.days() < 0 || delay.microseconds() < 0) {
            throw new IllegalArgumentException("requirement failed: delay threshold (" + delayThreshold
                    + ") should not be negative.");
        }
        ExpressionResolver r = resolver(plan);
        Expression column = r.resolveName(dev.sluice.sql.catalyst.parser.ParseException.parsing(
                () -> dev.sluice.sqllite.SqlParser.parseMultipartIdentifier(eventTime)));
        if (!(column instanceof AttributeReference attribute)) {
            throw r.unresolvedColumn(eventTime);
        }
        if (!dev.sluice.plan.logical.EventTimeColumns.isEventTimeType(attribute.dataType())) {
            throw new AnalysisException("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE", "The event time `" + attribute.name()
                    + "` has the invalid type \"" + attribute.dataType().sql() + "\", but expected \"TIMESTAMP\".",
                    "42K09");
        }
        return new dev.sluice.plan.logical.EventTimeWatermark(attribute, delayMs, plan);
    }
}

