package dev.sluice.sql;

import dev.sluice.expr.Alias;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.sql.expressions.Aggregator;
import dev.sluice.sql.expressions.UserDefinedFunction;

/**
 * A column whose input is the objects of a Dataset of {@code T} and whose result is of {@code U}, as Spark's
 * {@code TypedColumn}; made by {@link Aggregator#toColumn()}. It takes its input from the Dataset that uses it:
 * {@code ds.select(typed)} (giving a {@code Dataset<U>}) or {@code df.groupBy(...).agg(typed)} (input: the
 * DataFrame's rows); elsewhere (a plain {@code select(Column...)}) it cannot be resolved. Immutable.
 *
 * @param <T> input type
 * @param <U> result type
 */
public class TypedColumn<T, U> extends Column {
    private final Aggregator<?, ?, ?> aggregator;
    private final String alias;

    private TypedColumn(Aggregator<?, ?, ?> aggregator, String alias) {
        super(new UnresolvedFunction(alias)); // a typed column resolves only through the Dataset using it
        this.aggregator = aggregator;
        this.alias = alias;
    }

    /** The column of {@code aggregator} named {@code alias} (internal: use {@link Aggregator#toColumn()}). */
    public static <T, U> TypedColumn<T, U> of(Aggregator<T, ?, U> aggregator, String alias) {
        return new TypedColumn<>(aggregator, alias);
    }

    /** The same column under another name. */
    @Override
    public TypedColumn<T, U> name(String alias) {
        return new TypedColumn<>(aggregator, alias);
    }

    String alias() {
        return alias;
    }

    /** The encoder of the result. */
    @SuppressWarnings("unchecked")
    Encoder<U> encoder() {
        return (Encoder<U>) aggregator.outputEncoder();
    }

    /** The aggregate over the objects of {@code ds}, named. */
    Column over(Dataset<?> ds) {
        return new Column(new Alias(UserDefinedFunction.ofAggregator(aggregator, ds.encoder())
                .call(ds.deserializer()), alias));
    }
}
