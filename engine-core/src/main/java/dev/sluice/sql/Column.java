package dev.sluice.sql;

import dev.sluice.analysis.AstConverter;
import dev.sluice.analysis.JavaValues;
import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.UnresolvedCast;
import dev.sluice.expr.UnresolvedExtractValue;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.expr.UnresolvedStar;
import dev.sluice.expr.window.WindowExpression;
import dev.sluice.sql.expressions.WindowSpec;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.Metadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A column expression of the Dataset API, as Spark's {@code Column}: built from names ({@code col("a")}),
 * literals and functions, combined with operators, and resolved against a Dataset only when used.
 * Immutable and thread-safe.
 */
public class Column {
    private final Expression expression;

    /** A column by name: {@code "a"}, {@code "t.a"}, {@code "s.field"}, {@code "*"} or {@code "s.*"}. */
    public Column(String name) {
        this(nameExpression(name));
    }

    public Column(Expression expression) {
        this.expression = expression;
    }

    private static Expression nameExpression(String name) {
        if (name.equals("*")) {
            return new UnresolvedStar(List.of());
        }
        if (name.endsWith(".*")) {
            return new UnresolvedStar(UnresolvedAttribute.quoted(name.substring(0, name.length() - 2)).nameParts());
        }
        return UnresolvedAttribute.quoted(name);
    }

    /** The underlying expression (internal API). */
    public Expression expr() {
        return expression;
    }

    static Column of(Expression e) {
        return new Column(e);
    }

    /** A column for a value: columns pass through, Java values become literals. */
    static Expression toExpression(Object value) {
        return value instanceof Column c ? c.expression : JavaValues.literal(value);
    }

    private Column binary(String op, Object other) {
        return of(new UnresolvedFunction(op, expression, toExpression(other)));
    }

    public Column plus(Object other) {
        return binary("+", other);
    }

    public Column minus(Object other) {
        return binary("-", other);
    }

    public Column multiply(Object other) {
        return binary("*", other);
    }

    public Column divide(Object other) {
        return binary("/", other);
    }

    public Column mod(Object other) {
        return binary("%", other);
    }

    public Column equalTo(Object other) {
        return binary("=", other);
    }

    public Column notEqual(Object other) {
        return binary("!=", other);
    }

    public Column eqNullSafe(Object other) {
        return binary("<=>", other);
    }

    public Column gt(Object other) {
        return binary(">", other);
    }

    public Column geq(Object other) {
        return binary(">=", other);
    }

    public Column lt(Object other) {
        return binary("<", other);
    }

    public Column leq(Object other) {
        return binary("<=", other);
    }

    public Column and(Column other) {
        return binary("and", other);
    }

    public Column or(Column other) {
        return binary("or", other);
    }

    /** True when the value is NaN (false for null), as Spark's {@code isNaN}. */
    public Column isNaN() {
        return of(new UnresolvedFunction("isnan", expression));
    }

    public Column isNull() {
        return of(new UnresolvedFunction("isnull", expression));
    }

    public Column isNotNull() {
        return of(new UnresolvedFunction("isnotnull", expression));
    }

    public Column isin(Object... values) {
        List<Expression> args = new ArrayList<>();
        args.add(expression);
        for (Object v : values) {
            args.add(toExpression(v));
        }
        return of(new UnresolvedFunction("in", args, false));
    }

    public Column between(Object lower, Object upper) {
        return of(new UnresolvedFunction("between", expression, toExpression(lower), toExpression(upper)));
    }

    public Column like(String pattern) {
        return binary("like", pattern);
    }

    public Column ilike(String pattern) {
        return binary("ilike", pattern);
    }

    public Column rlike(String regex) {
        return binary("rlike", regex);
    }

    public Column contains(Object other) {
        return binary("contains", other);
    }

    public Column startsWith(Object other) {
        return binary("startswith", other);
    }

    public Column endsWith(Object other) {
        return binary("endswith", other);
    }

    public Column substr(int startPos, int length) {
        return of(new UnresolvedFunction("substring", expression, Literal.of(startPos), Literal.of(length)));
    }

    public Column substr(Column startPos, Column length) {
        return of(new UnresolvedFunction("substring", expression, startPos.expression, length.expression));
    }

    /** Names the column. */
    /**
     * Names this column. The result keeps the metadata of a column it names ({@code col("a").as("b")} has
     * {@code a}'s metadata), and a computed expression gets none, as in Spark.
     */
    public Column alias(String name) {
        return of(Alias.rename(expression, name));
    }

    public Column as(String name) {
        return alias(name);
    }

    /** Names this column and gives its metadata explicitly, as Spark's {@code as(alias, metadata)}. */
    public Column as(String alias, Metadata metadata) {
        java.util.Objects.requireNonNull(metadata, "metadata is null");
        Expression inner = expression instanceof Alias a ? a.child() : expression;
        return of(new Alias(inner, alias, AttributeReference.newExprId(), metadata));
    }

    /** Same as {@link #alias(String)}, as Spark's {@code name}. */
    public Column name(String name) {
        return alias(name);
    }

    public Column cast(DataType to) {
        return of(new UnresolvedCast(expression, to, false));
    }

    /** Casts to a type given as a string: {@code "int"}, {@code "string"}, {@code "decimal(10,2)"}. */
    public Column cast(String to) {
        return cast(DataType.fromDDL(to));
    }

    public Column try_cast(DataType to) {
        return of(new UnresolvedCast(expression, to, true));
    }

    public Column getField(String fieldName) {
        return of(new UnresolvedExtractValue(expression, Literal.of(fieldName)));
    }

    public Column getItem(Object key) {
        return of(new UnresolvedExtractValue(expression, toExpression(key)));
    }

    public Column apply(Object key) {
        return getItem(key);
    }

    public Column asc() {
        return of(new SortOrder(expression, true, true));
    }

    public Column asc_nulls_first() {
        return of(new SortOrder(expression, true, true));
    }

    public Column asc_nulls_last() {
        return of(new SortOrder(expression, true, false));
    }

    public Column desc() {
        return of(new SortOrder(expression, false, false));
    }

    public Column desc_nulls_first() {
        return of(new SortOrder(expression, false, true));
    }

    public Column desc_nulls_last() {
        return of(new SortOrder(expression, false, false));
    }

    /** Adds a branch to a {@code when(...)} column. */
    public Column when(Column condition, Object value) {
        List<Expression> args = caseArguments("when");
        if (args.size() % 2 == 1) {
            throw new IllegalArgumentException("when() cannot be applied once otherwise() is applied");
        }
        args.add(condition.expression);
        args.add(toExpression(value));
        return of(new UnresolvedFunction("casewhen", args, false));
    }

    /** The value when no {@code when} branch matches. */
    public Column otherwise(Object value) {
        List<Expression> args = caseArguments("otherwise");
        if (args.size() % 2 == 1) {
            throw new IllegalArgumentException("otherwise() can only be applied once on a Column previously"
                    + " generated by when()");
        }
        args.add(toExpression(value));
        return of(new UnresolvedFunction("casewhen", args, false));
    }

    private List<Expression> caseArguments(String method) {
        if (!(expression instanceof UnresolvedFunction f) || !f.name().equals("casewhen")) {
            throw new IllegalArgumentException(method + "() can only be applied on a Column previously generated by"
                    + " when() function");
        }
        return new ArrayList<>(f.arguments());
    }

    /** This aggregate or ranking function over a window. */
    public Column over(WindowSpec window) {
        return of(new WindowExpression(expression, window.partitionSpec(), window.orderSpec(), window.frame()));
    }

    /** Over the whole input as one partition. */
    public Column over() {
        return of(new WindowExpression(expression, List.of(), List.of(), null));
    }

    /** Parses a SQL expression, as {@code functions.expr}. */
    static Column parse(String sql) {
        return of(AstConverter.parseExpression(sql));
    }

    @Override
    public String toString() {
        return expression.sql();
    }
}
