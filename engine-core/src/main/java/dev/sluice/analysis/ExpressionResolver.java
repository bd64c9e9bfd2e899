package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.GetItem;
import dev.sluice.expr.GetStructField;
import dev.sluice.expr.Literal;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.UnresolvedCast;
import dev.sluice.expr.UnresolvedExtractValue;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.expr.UnresolvedStar;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.expr.aggregate.DistinctAggregate;
import dev.sluice.expr.window.RankingFunction;
import dev.sluice.expr.window.WindowExpression;
import dev.sluice.expr.window.WindowFrame;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves expressions against the output columns of a plan: names to attributes (case-insensitive, as
 * Spark's default), nested fields, functions through the registry with implicit casts. Errors carry
 * Spark's error classes and list the available columns. Immutable; create one per input schema.
 */
public final class ExpressionResolver {
    private final List<AttributeReference> input;
    private final FunctionContext context;
    private final FunctionRegistry registry;
    /** The lambda parameters in scope (lower-case names), innermost last; they shadow columns of the same name. */
    private final java.util.Map<String, dev.sluice.expr.lambda.LambdaVariable> lambdaScope;

    public ExpressionResolver(List<AttributeReference> input, FunctionContext context) {
        this(input, context, java.util.Map.of());
    }

    private ExpressionResolver(List<AttributeReference> input, FunctionContext context,
            java.util.Map<String, dev.sluice.expr.lambda.LambdaVariable> lambdaScope) {
        this.input = List.copyOf(input);
        this.context = context;
        this.registry = FunctionRegistry.builtin();
        this.lambdaScope = lambdaScope;
    }

    /** A resolver over the same input in which {@code variables} (lower-case names) shadow outer names. */
    ExpressionResolver withLambdaVariables(java.util.Map<String, dev.sluice.expr.lambda.LambdaVariable> variables) {
        java.util.Map<String, dev.sluice.expr.lambda.LambdaVariable> scope = new java.util.HashMap<>(lambdaScope);
        scope.putAll(variables);
        return new ExpressionResolver(input, context, scope);
    }

    public FunctionContext context() {
        return context;
    }

    /**
     * Resolves the whole tree bottom-up, then applies {@link ExpressionChecks} (misplaced window functions
     * and generators). A tree nested deeper than the stack allows fails with {@code FAILED_TO_PARSE_TOO_COMPLEX}.
     */
    public Expression resolve(Expression expression) {
        Expression resolved;
        try {
            resolved = expression.transformUp(this::resolveNode);
        } catch (StackOverflowError e) {
            throw dev.sluice.sql.catalyst.parser.ParseException.tooComplex(e);
        }
        ExpressionChecks.check(resolved);
        return resolved;
    }

    private Expression resolveNode(Expression e) {
        if (e instanceof UnresolvedAttribute a) {
            dev.sluice.expr.lambda.LambdaVariable variable = lambdaScope.get(lower(a.nameParts().get(0)));
            if (variable != null) {
                Expression result = variable;
                for (String part : a.nameParts().subList(1, a.nameParts().size())) {
                    result = field(result, part, a.nameParts());
                }
                return result;
            }
            return resolveName(a.nameParts());
        }
        if (e instanceof dev.sluice.expr.ParameterMarker p) {
            throw p.unbound();
        }
        if (e instanceof UnresolvedStar s) {
            throw new AnalysisException("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '" + s.sql()
                    + "' in expression.", "42000");
        }
        if (e instanceof UnresolvedCast c) {
            return new Cast(c.child(), c.targetType(), context, c.tryCast());
        }
        if (e instanceof dev.sluice.expr.UnresolvedAlias u) {
            return autoAliased(u.child());
        }
        if (e instanceof UnresolvedExtractValue x) {
            return extractValue(x.left(), x.right());
        }
        if (e instanceof UnresolvedFunction f) {
            dev.sluice.expr.FunctionBuilder registered = context.sessionFunctions().get(f.name());
            if (registered == null && dev.sluice.expr.lambda.HigherOrderFunctions.isHigherOrder(f.name())) {
                return dev.sluice.expr.lambda.HigherOrderFunctions.build(f.name(), f.arguments(), context,
                        new LambdaBinding(this));
            }
            LambdaBinding.rejectLambdas(f);
            Expression built = registered != null ? registered.build(f.arguments(), context)
                    : registry.build(f.name(), f.arguments(), context);
            if (f.distinct()) {
                if (!(built instanceof AggregateFunction agg)) {
                    throw new AnalysisException("INVALID_DISTINCT", "DISTINCT is only allowed in aggregate"
                            + " functions, not in " + f.name() + ".", "42000");
                }
                return new DistinctAggregate(agg);
            }
            return built;
        }
        if (e instanceof WindowExpression w && w.frame() == null) {
            return w.withFrame(defaultFrame(w));
        }
        return e;
    }

    private static WindowFrame defaultFrame(WindowExpression w) {
        if (w.function() instanceof RankingFunction || w.function() instanceof dev.sluice.expr.window.OffsetFunction) {
            return new WindowFrame(true, WindowFrame.UNBOUNDED_PRECEDING, WindowFrame.CURRENT_ROW);
        }
        return w.orderSpec().isEmpty() ? WindowFrame.WHOLE_PARTITION : WindowFrame.RUNNING_RANGE;
    }

    /** Resolves a possibly qualified, possibly nested name such as {@code t.a.b}. */
    public Expression resolveName(List<String> parts) {
        List<AttributeReference> matches = new ArrayList<>();
        int consumed = 0;
        if (parts.size() > 1) {
            for (AttributeReference a : input) {
                if (!a.qualifier().isEmpty() && a.qualifier().get(a.qualifier().size() - 1).equalsIgnoreCase(parts.get(0))
                        && a.name().equalsIgnoreCase(parts.get(1))) {
                    matches.add(a);
                }
            }
            consumed = 2;
        }
        if (matches.isEmpty()) {
            for (AttributeReference a : input) {
                if (a.name().equalsIgnoreCase(parts.get(0))) {
                    matches.add(a);
                }
            }
            consumed = 1;
        }
        if (matches.isEmpty()) {
            throw unresolvedColumn(parts);
        }
        if (matches.size() > 1) {
            throw new AnalysisException("AMBIGUOUS_REFERENCE", "Reference `" + String.join(".", parts)
                    + "` is ambiguous, could be: [" + String.join(", ", matches.stream()
                    .map(m -> "`" + (m.qualifier().isEmpty() ? "" : String.join(".", m.qualifier()) + ".") + m.name() + "`")
                    .toList()) + "].", "42704");
        }
        Expression result = matches.get(0);
        for (int i = consumed; i < parts.size(); i++) {
            result = field(result, parts.get(i), parts);
        }
        return result;
    }

    private Expression field(Expression base, String name, List<String> fullName) {
        if (!(base.dataType() instanceof StructType s)) {
            throw new AnalysisException("INVALID_EXTRACT_BASE_FIELD_TYPE", "Can't extract a value from \""
                    + base.sql() + "\". Need a complex type [STRUCT, ARRAY, MAP] but got \"" + base.dataType().sql()
                    + "\".", "42000");
        }
        int index = s.indexOfIgnoreCase(name);
        if (index < 0) {
            throw new AnalysisException("FIELD_NOT_FOUND", "No such struct field `" + name + "` in "
                    + String.join(", ", java.util.Arrays.stream(s.fieldNames()).map(f -> "`" + f + "`").toList())
                    + ".", "42704");
        }
        return new GetStructField(base, index);
    }

    private Expression extractValue(Expression base, Expression key) {
        DataType type = base.dataType();
        if (type instanceof StructType && key instanceof Literal l && l.value() instanceof String name) {
            return field(base, name, List.of(name));
        }
        if (type instanceof ArrayType) {
            return new GetItem(base, Cast.castIfNeeded(key, DataTypes.IntegerType, context));
        }
        if (type instanceof MapType m) {
            return new GetItem(base, Cast.castIfNeeded(key, m.keyType(), context));
        }
        throw new AnalysisException("INVALID_EXTRACT_BASE_FIELD_TYPE", "Can't extract a value from \"" + base.sql()
                + "\". Need a complex type [STRUCT, ARRAY, MAP] but got \"" + type.sql() + "\".", "42000");
    }

    /**
     * Spark's analyzer error {@code UNRESOLVED_COLUMN.WITH_SUGGESTION}: the 5 available columns closest to
     * {@code name}, ordered as Spark's {@code StringUtils.orderSuggestedIdentifiersBySimilarity} (a qualifier
     * shared by every column is dropped, then a stable sort by Levenshtein distance between the quoted
     * candidate and the name as written).
     */
    public AnalysisException unresolvedColumn(List<String> nameParts) {
        return UnresolvedColumns.suggesting(nameParts, input);
    }

    /** {@link #unresolvedColumn(List)} for a one-part name. */
    public AnalysisException unresolvedColumn(String name) {
        return unresolvedColumn(List.of(name));
    }

    /** The column name Spark derives for an unaliased expression. */
    public static String autoName(Expression e) {
        if (e instanceof AttributeReference a) {
            return a.name();
        }
        if (e instanceof GetStructField g) {
            return g.fieldName();
        }
        if (e instanceof Alias a) {
            return a.name();
        }
        // Spark keeps the column name through a cast of a column: CAST(a AS STRING) is named "a".
        if (e instanceof dev.sluice.expr.Cast c
                && (c.child() instanceof AttributeReference || c.child() instanceof GetStructField)) {
            return autoName(c.child());
        }
        return e.sql();
    }

    /** A resolved unnamed select item named as Spark's ResolveAliases names it (see {@code UnresolvedAlias}). */
    static Expression autoAliased(Expression e) {
        if (e instanceof dev.sluice.expr.NamedExpression || e instanceof dev.sluice.expr.generator.Generator) {
            return e; // a generator is named by its output columns
        }
        if (e instanceof dev.sluice.expr.Cast || e instanceof GetStructField || e instanceof dev.sluice.expr.Literal) {
            return new Alias(e, autoName(e));
        }
        return new Alias(e, autoName(e), AttributeReference.newExprId(), dev.sluice.expr.UnresolvedAlias.AUTO_GENERATED);
    }

    /** Wraps an expression in an alias named after it, unless it is already named. */
    public static Expression named(Expression e) {
        if (e instanceof AttributeReference || e instanceof Alias) {
            return e;
        }
        return new Alias(e, autoName(e));
    }

    /** Resolves a sort key. */
    public SortOrder resolveSortOrder(SortOrder order) {
        return (SortOrder) resolve(order);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
