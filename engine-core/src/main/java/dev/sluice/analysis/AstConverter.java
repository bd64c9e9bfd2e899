package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.CalendarInterval;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.UnresolvedAttribute;
import dev.sluice.expr.UnresolvedCast;
import dev.sluice.expr.UnresolvedExtractValue;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.expr.UnresolvedStar;
import dev.sluice.expr.window.WindowExpression;
import dev.sluice.expr.window.WindowFrame;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.catalyst.parser.ParseException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.TypeSpecConverter;
import dev.sluice.sqllite.SqlParser;
import dev.sluice.sqllite.ast.Between;
import dev.sluice.sqllite.ast.BinaryOp;
import dev.sluice.sqllite.ast.BooleanLiteral;
import dev.sluice.sqllite.ast.BoundKind;
import dev.sluice.sqllite.ast.Cast;
import dev.sluice.sqllite.ast.CaseWhen;
import dev.sluice.sqllite.ast.ColumnRef;
import dev.sluice.sqllite.ast.DateLiteral;
import dev.sluice.sqllite.ast.DecimalLiteral;
import dev.sluice.sqllite.ast.DoubleLiteral;
import dev.sluice.sqllite.ast.Expr;
import dev.sluice.sqllite.ast.FieldAccess;
import dev.sluice.sqllite.ast.FloatLiteral;
import dev.sluice.sqllite.ast.FrameBound;
import dev.sluice.sqllite.ast.FrameType;
import dev.sluice.sqllite.ast.FunctionCall;
import dev.sluice.sqllite.ast.In;
import dev.sluice.sqllite.ast.IntLiteral;
import dev.sluice.sqllite.ast.IntervalLiteral;
import dev.sluice.sqllite.ast.IsNull;
import dev.sluice.sqllite.ast.LambdaFunction;
import dev.sluice.sqllite.ast.Like;
import dev.sluice.sqllite.ast.LongLiteral;
import dev.sluice.sqllite.ast.NullLiteral;
import dev.sluice.sqllite.ast.NullOrdering;
import dev.sluice.sqllite.ast.SortItem;
import dev.sluice.sqllite.ast.Star;
import dev.sluice.sqllite.ast.StringLiteral;
import dev.sluice.sqllite.ast.Subscript;
import dev.sluice.sqllite.ast.TimestampLiteral;
import dev.sluice.sqllite.ast.UnaryOp;
import dev.sluice.sqllite.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the SQL parser's AST into unresolved engine expressions ({@code expr("...")}, {@code selectExpr},
 * {@code filter(String)}). Operators become {@link UnresolvedFunction}s named by their symbol so that
 * the analyzer applies one set of typing rules to API- and SQL-built expressions. Stateless.
 */
public final class AstConverter {
    private AstConverter() {
    }

    /**
     * Parses and converts one expression (possibly aliased). Chains of operators ({@code a + a + ...},
     * {@code NOT NOT ... x}) convert without recursion; an expression nested deeper than the stack allows
     * fails with Spark's {@code FAILED_TO_PARSE_TOO_COMPLEX} rather than a {@link StackOverflowError}; a syntax
     * error is a {@link ParseException}.
     */
    public static Expression parseExpression(String text) {
        return ParseException.parsing(() -> convert(SqlParser.parseExpression(text)));
    }

    /**
     * Converts a chain of same-kind nodes ({@code a + b + c} parses left-deep as {@code (a + b) + c};
     * {@code NOT NOT x} nests unary operators) with a loop over the chain, so that chains of any length cost no
     * stack: {@code next} steps down the chain, {@code wrap} builds one level around the converted inner part.
     * Other children (the right operands, rarely deep) convert recursively.
     */
    private static <T extends Expr> Expression chain(T top, Class<T> kind, java.util.function.Function<T, Expr> next,
            java.util.function.BiFunction<T, Expression, Expression> wrap) {
        java.util.ArrayDeque<T> spine = new java.util.ArrayDeque<>();
        Expr node = top;
        while (kind.isInstance(node)) {
            T link = kind.cast(node);
            spine.push(link);
            node = next.apply(link);
        }
        Expression result = convert(node);
        while (!spine.isEmpty()) {
            result = wrap.apply(spine.pop(), result);
        }
        return result;
    }

    private static Expression binary(BinaryOp b, Expression l) {
        Expression r = convert(b.right());
        return switch (b.op()) {
            case CONCAT -> new UnresolvedFunction("concat", l, r);
            case AND -> new UnresolvedFunction("and", l, r);
            case OR -> new UnresolvedFunction("or", l, r);
            default -> new UnresolvedFunction(b.op().symbol(), l, r);
        };
    }

    private static Expression unary(UnaryOp u, Expression operand) {
        return switch (u.op()) {
            case NEGATE -> new UnresolvedFunction("negative", operand);
            case PLUS -> new UnresolvedFunction("positive", operand);
            case NOT -> new UnresolvedFunction("not", operand);
            case BITWISE_NOT -> new UnresolvedFunction("~", operand);
        };
    }

    public static Expression convert(Expr e) {
        if (e instanceof ColumnRef c) {
            return new UnresolvedAttribute(c.nameParts());
        }
        if (e instanceof Star s) {
            return new UnresolvedStar(s.qualifier());
        }
        if (e instanceof IntLiteral l) {
            return Literal.of(l.value());
        }
        if (e instanceof LongLiteral l) {
            return Literal.of(l.value());
        }
        if (e instanceof DoubleLiteral l) {
            return Literal.of(l.value());
        }
        if (e instanceof FloatLiteral l) {
            return new Literal(l.value(), DataTypes.FloatType);
        }
        if (e instanceof DecimalLiteral l) {
            return decimal(l.value());
        }
        if (e instanceof StringLiteral l) {
            return Literal.of(l.value());
        }
        if (e instanceof BooleanLiteral l) {
            return Literal.of(l.value());
        }
        if (e instanceof NullLiteral) {
            return Literal.NULL;
        }
        if (e instanceof TimestampLiteral l) {
            return new UnresolvedCast(Literal.of(l.text()), DataTypes.TimestampType, false);
        }
        if (e instanceof DateLiteral l) {
            return new UnresolvedCast(Literal.of(l.text()), DataTypes.DateType, false);
        }
        if (e instanceof IntervalLiteral l) {
            return new Literal(new CalendarInterval(l.months(), l.days(), l.microseconds()), DataTypes.CalendarIntervalType);
        }
        if (e instanceof UnaryOp u) {
            return chain(u, UnaryOp.class, UnaryOp::operand, AstConverter::unary);
        }
        if (e instanceof BinaryOp b) {
            return chain(b, BinaryOp.class, BinaryOp::left, AstConverter::binary);
        }
        if (e instanceof IsNull n) {
            return new UnresolvedFunction(n.negated() ? "isnotnull" : "isnull", convert(n.operand()));
        }
        if (e instanceof In in) {
            List<Expression> args = new ArrayList<>();
            args.add(convert(in.value()));
            in.list().forEach(x -> args.add(convert(x)));
            return negateIf(in.negated(), new UnresolvedFunction("in", args, false));
        }
        if (e instanceof Between b) {
            return negateIf(b.negated(), new UnresolvedFunction("between", convert(b.value()), convert(b.lower()),
                    convert(b.upper())));
        }
        if (e instanceof Like l) {
            List<Expression> args = new ArrayList<>(List.of(convert(l.value()), convert(l.pattern())));
            if (l.escape() != null) {
                args.add(Literal.of(String.valueOf(l.escape())));
            }
            return negateIf(l.negated(), new UnresolvedFunction(l.kind().name().toLowerCase(java.util.Locale.ROOT),
                    args, false));
        }
        if (e instanceof CaseWhen c) {
            List<Expression> args = new ArrayList<>();
            Expression operand = c.operand() == null ? null : convert(c.operand());
            for (var branch : c.branches()) {
                Expression condition = convert(branch.condition());
                args.add(operand == null ? condition : new UnresolvedFunction("=", operand, condition));
                args.add(convert(branch.result()));
            }
            if (c.elseValue() != null) {
                args.add(convert(c.elseValue()));
            }
            return new UnresolvedFunction("casewhen", args, false);
        }
        if (e instanceof Cast c) {
            return new UnresolvedCast(convert(c.child()), TypeSpecConverter.toDataType(c.type()), c.tryCast());
        }
        if (e instanceof FunctionCall f) {
            List<Expression> args = new ArrayList<>();
            for (Expr a : f.arguments()) {
                args.add(a instanceof Star s && s.qualifier().isEmpty() && f.name().equalsIgnoreCase("count")
                        ? Literal.of(1) : convert(a));
            }
            Expression call = new UnresolvedFunction(f.name(), args, f.distinct());
            return f.over() == null ? call : window(call, f.over());
        }
        if (e instanceof Subscript s) {
            return new UnresolvedExtractValue(convert(s.base()), convert(s.index()));
        }
        if (e instanceof FieldAccess f) {
            return new UnresolvedExtractValue(convert(f.base()), Literal.of(f.field()));
        }
        if (e instanceof dev.sluice.sqllite.ast.Alias a) {
            if (a.names().size() != 1) {
                throw new AnalysisException("MULTI_ALIAS_UNSUPPORTED", "Multi-part aliases " + a.names()
                        + " are only supported for generators.", "42K0E");
            }
            return new Alias(convert(a.child()), a.names().get(0));
        }
        if (e instanceof dev.sluice.sqllite.ast.Parameter p) {
            return p.positional() ? new dev.sluice.expr.ParameterMarker("_" + p.offset(), p.index())
                    : new dev.sluice.expr.ParameterMarker(p.name(), -1);
        }
        if (e instanceof LambdaFunction l) {
            return new dev.sluice.expr.lambda.UnresolvedLambda(l.parameters(), convert(l.body()));
        }
        throw new AnalysisException("UNSUPPORTED_EXPRESSION", "Unsupported expression: " + e, "0A000");
    }

    private static Expression negateIf(boolean negated, Expression e) {
        return negated ? new UnresolvedFunction("not", e) : e;
    }

    private static Literal decimal(java.math.BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        int precision = Math.max(value.precision(), scale);
        if (value.scale() < 0) {
            value = value.setScale(0);
            precision = value.precision();
        }
        if (precision > DecimalType.MAX_PRECISION) {
            return Literal.of(value.doubleValue());
        }
        return new Literal(value, new DecimalType(Math.max(precision, 1), scale));
    }

    /** Converts an ORDER BY item. */
    public static SortOrder sortOrder(SortItem item) {
        boolean nullsFirst = item.nullOrdering() == NullOrdering.DEFAULT ? item.ascending()
                : item.nullOrdering() == NullOrdering.NULLS_FIRST;
        return new SortOrder(convert(item.expr()), item.ascending(), nullsFirst);
    }

    private static Expression window(Expression function, WindowSpec spec) {
        List<Expression> partition = spec.partitionBy().stream().map(AstConverter::convert).toList();
        List<SortOrder> order = spec.orderBy().stream().map(AstConverter::sortOrder).toList();
        WindowFrame frame = null;
        if (spec.frame() != null) {
            frame = new WindowFrame(spec.frame().type() == FrameType.ROWS, bound(spec.frame().start()),
                    bound(spec.frame().end()));
        }
        return new WindowExpression(function, partition, order, frame);
    }

    private static long bound(FrameBound b) {
        if (b.kind() == BoundKind.UNBOUNDED_PRECEDING) {
            return WindowFrame.UNBOUNDED_PRECEDING;
        }
        if (b.kind() == BoundKind.UNBOUNDED_FOLLOWING) {
            return WindowFrame.UNBOUNDED_FOLLOWING;
        }
        if (b.kind() == BoundKind.CURRENT_ROW) {
            return WindowFrame.CURRENT_ROW;
        }
        if (!(b.offset() instanceof IntLiteral n)) {
            throw new AnalysisException("UNSUPPORTED_FEATURE.WINDOW_FRAME", "Only integer frame offsets are"
                    + " supported, got " + b.offset(), "0A000");
        }
        return b.kind() == BoundKind.PRECEDING ? -n.value() : n.value();
    }
}
