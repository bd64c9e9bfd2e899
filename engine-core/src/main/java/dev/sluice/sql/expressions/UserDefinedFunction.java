package dev.sluice.sql.expressions;

import dev.sluice.analysis.JavaValues;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.UserFunction;
import dev.sluice.expr.UserFunctionCall;
import dev.sluice.expr.aggregate.UserAggregateCall;
import dev.sluice.sql.Encoder;
import dev.sluice.sql.Column;
import dev.sluice.sql.types.DataType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user-defined function ready to be called on columns, as Spark's {@code UserDefinedFunction}: made by
 * {@code functions.udf(f, returnType)} (or, for an {@link Aggregator}, {@code functions.udaf(agg, encoder)});
 * {@link #apply} builds the call. Arguments reach the function as the
 * external values a {@code Row} holds ({@code Integer}, {@code String}, {@code java.sql.Date}, {@code Row} for
 * structs, {@code java.util.List} for arrays and {@code java.util.Map} for maps, where Spark hands Scala
 * collections), null for SQL NULL; its result is converted to {@link #dataType()}. Immutable; the function may
 * be called from several threads at once.
 */
public final class UserDefinedFunction {
    /** Calls the wrapped {@code UDFn} with external argument values. */
    @FunctionalInterface
    public interface Caller {
        Object call(Object[] arguments) throws Exception;
    }

    private final Caller caller;
    private final int arity;
    private final DataType dataType;
    private final String name;
    private final boolean deterministic;
    private final boolean nullable;
    /** Set for an aggregate ({@code functions.udaf}); then {@link #caller} is unused. */
    private final AggregatorFunction aggregate;

    private UserDefinedFunction(Caller caller, int arity, DataType dataType, String name, boolean deterministic,
                                boolean nullable) {
        this(caller, arity, dataType, name, deterministic, nullable, null);
    }

    private UserDefinedFunction(Caller caller, int arity, DataType dataType, String name, boolean deterministic,
                                boolean nullable, AggregatorFunction aggregate) {
        this.aggregate = aggregate;
        this.caller = Objects.requireNonNull(caller, "function is null");
        this.arity = arity;
        this.dataType = Objects.requireNonNull(dataType, "returnType is null");
        this.name = name;
        this.deterministic = deterministic;
        this.nullable = nullable;
    }

    /** A deterministic, nullable, unnamed function of {@code arity} arguments (internal: use {@code functions.udf}). */
    public static UserDefinedFunction of(Caller caller, int arity, DataType returnType) {
        return new UserDefinedFunction(caller, arity, returnType, null, true, true);
    }

    /**
     * The aggregate function of {@code aggregator} whose arguments make its input through {@code inputEncoder}
     * (internal: use {@code functions.udaf}); named after the aggregator's class until renamed.
     */
    public static UserDefinedFunction ofAggregator(Aggregator<?, ?, ?> aggregator, Encoder<?> inputEncoder) {
        AggregatorFunction function = AggregatorFunction.of(aggregator, inputEncoder,
                aggregator.getClass().getSimpleName());
        return new UserDefinedFunction(a -> {
            throw new IllegalStateException("an aggregate is not called row by row");
        }, -1, function.returnType(), null, true, true, function);
    }

    /**
     * The call of this function on {@code columns}.
     *
     * @throws dev.sluice.sql.AnalysisException {@code WRONG_NUM_ARGS} when the count differs from the arity
     */
    public Column apply(Column... columns) {
        List<Expression> arguments = new ArrayList<>();
        for (Column c : columns) {
            arguments.add(c.expr());
        }
        return new Column(call(arguments));
    }

    /** The call expression over {@code arguments} (internal API). */
    public Expression call(List<Expression> arguments) {
        if (aggregate != null) {
            int fields = (Class<?>) aggregate.inputEncoder().clsTag() == dev.sluice.sql.Row.class ? arguments.size()
                    : aggregate.inputEncoder().schema().length();
            FunctionRegistry.checkArity(name == null ? aggregate.name() : name, arguments, fields, fields);
            return new UserAggregateCall(name == null ? aggregate : aggregate.withName(name), arguments);
        }
        FunctionRegistry.checkArity(name == null ? "UDF" : name, arguments, arity, arity);
        return new UserFunctionCall(new Engine(this), arguments);
    }

    /** The same function, marked nondeterministic: never collapsed or moved by the planner, called once per row. */
    public UserDefinedFunction asNondeterministic() {
        return new UserDefinedFunction(caller, arity, dataType, name, false, nullable, aggregate);
    }

    /** The same function, declared never to return null. */
    public UserDefinedFunction asNonNullable() {
        return new UserDefinedFunction(caller, arity, dataType, name, deterministic, false, aggregate);
    }

    /** The same function under {@code name} (its column names read {@code name(args)} instead of {@code UDF(args)}). */
    public UserDefinedFunction withName(String name) {
        return new UserDefinedFunction(caller, arity, dataType, Objects.requireNonNull(name, "name is null"),
                deterministic, nullable, aggregate);
    }

    public DataType dataType() {
        return dataType;
    }

    public boolean deterministic() {
        return deterministic;
    }

    public boolean nullable() {
        return nullable;
    }

    /** The name given by {@link #withName} or registration; empty when unnamed. */
    public java.util.Optional<String> name() {
        return java.util.Optional.ofNullable(name);
    }

    /** The function as the engine calls it: internal values in and out. */
    private record Engine(UserDefinedFunction udf) implements UserFunction {
        @Override
        public String name() {
            return udf.name == null ? "UDF" : udf.name;
        }

        @Override
        public DataType returnType() {
            return udf.dataType;
        }

        @Override
        public int arity() {
            return udf.arity;
        }

        @Override
        public boolean deterministic() {
            return udf.deterministic;
        }

        @Override
        public boolean nullable() {
            return udf.nullable;
        }

        @Override
        public Invoker bind(List<DataType> argumentTypes) {
            DataType[] types = argumentTypes.toArray(new DataType[0]);
            Caller caller = udf.caller;
            DataType result = udf.dataType;
            return arguments -> {
                Object[] external = new Object[arguments.length];
                for (int i = 0; i < external.length; i++) {
                    external[i] = JavaValues.toExternal(arguments[i], types[i]);
                }
                // the zone only reads LocalDateTime results, which no Spark return type maps to
                return JavaValues.toInternal(caller.call(external), result, ZoneOffset.UTC);
            };
        }
    }
}
