package dev.sluice.sql;

import dev.sluice.analysis.ExpressionResolver;
import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Binder;
import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The deserializer of a typed Dataset, as Spark's analyzer resolves an encoder against a plan: the expressions
 * (over the plan's output) whose values are the encoder's columns in its order. A bean reads the columns named
 * as its properties (any other columns stay in the plan, unread), a single-value encoder reads the first
 * column, an untyped Dataset reads every column. A column of another type is cast when Spark's up-cast rule
 * allows it, else {@code CANNOT_UP_CAST_DATATYPE}. Stateless.
 */
final class Deserializers {
    private Deserializers() {
    }

    /**
     * The deserializer of {@code encoder} (null: untyped rows) over {@code plan}.
     *
     * @throws AnalysisException for a missing column or a column that cannot be up-cast
     */
    static List<Expression> of(Encoder<?> encoder, LogicalPlan plan, FunctionContext context) {
        List<AttributeReference> output = plan.output();
        if (encoder == null || encoder.clsTag() == Row.class) {
            return new ArrayList<>(output);
        }
        StructType target = encoder.schema();
        List<Expression> out = new ArrayList<>();
        if (encoder instanceof TupleEncoder<?, ?> tuple) {
            ExpressionResolver resolver = new ExpressionResolver(output, context);
            for (int i = 0; i < 2; i++) {
                StructField field = target.apply(i);
                String path = "- field (class: \"" + tuple.elementClasses().get(i).getName() + "\", name: \""
                        + field.name() + "\")";
                out.add(upCast(resolver.resolveName(List.of(field.name())), field, List.of(path, rootClass(encoder)),
                        context));
            }
            return out;
        }
        if (!(encoder instanceof BeanEncoder<?> bean)) {
            if (output.isEmpty()) {
                throw new AnalysisException("UNSUPPORTED_DESERIALIZER.FIELD_NUMBER_MISMATCH", "The deserializer is"
                        + " not supported: try to map \"STRUCT<>\" to " + encoder.clsTag().getName()
                        + ", but failed as the number of fields does not line up.", "0A000");
            }
            StructField field = target.apply(0);
            out.add(upCast(output.get(0), field, List.of(rootClass(encoder)), context));
            return out;
        }
        List<Class<?>> classes = bean.propertyClasses();
        ExpressionResolver resolver = new ExpressionResolver(output, context);
        for (int i = 0; i < target.length(); i++) {
            StructField field = target.apply(i);
            Expression column = resolver.resolveName(List.of(field.name()));
            String path = "- field (class: \"" + classes.get(i).getName() + "\", name: \"" + field.name() + "\")";
            out.add(upCast(column, field, List.of(path, rootClass(encoder)), context));
        }
        return out;
    }

    private static String rootClass(Encoder<?> encoder) {
        return "- root class: \"" + encoder.clsTag().getName() + "\"";
    }

    private static Expression upCast(Expression column, StructField field, List<String> typePath,
                                     FunctionContext context) {
        DataType from = column.dataType();
        String name = column instanceof AttributeReference a ? a.name() : column.sql();
        if (from.equals(field.dataType())) {
            return column;
        }
        if (!Cast.canUpCast(from, field.dataType())) {
            throw new AnalysisException("CANNOT_UP_CAST_DATATYPE", "Cannot up cast " + name + " from \""
                    + from.sql() + "\" to \"" + field.dataType().sql() + "\".\nThe type path of the target object is:\n"
                    + String.join("\n", typePath) + "\nYou can either add an explicit cast to the input data or"
                    + " choose a higher precision type of the field in the target object", "42846");
        }
        return new Alias(new Cast(column, field.dataType(), context), field.name());
    }

    /**
     * The object of one row of {@code plan} (a row as a sink receives it): columns read as they are are picked by
     * position, up-cast columns are cast (through a one-row chunk).
     */
    static <T> Function<Row, T> rowDecoder(Encoder<T> encoder, List<Expression> deserializer, LogicalPlan plan,
                                           ZoneId zone) {
        List<AttributeReference> output = plan.output();
        int[] picked = new int[deserializer.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = deserializer.get(i) instanceof AttributeReference a ? output.indexOf(a) : -1;
        }
        if (Arrays.stream(picked).allMatch(i -> i >= 0)) {
            return row -> {
                Object[] values = new Object[picked.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(picked[i]);
                }
                return encoder.fromRow(new GenericRow(values, null));
            };
        }
        List<Expression> bound = Binder.bindAll(deserializer, output);
        StructType input = plan.schema();
        StructType columns = new Project(deserializer, plan).schema();
        return row -> {
            Chunk chunk = JavaValues.toChunks(List.of(row), input, zone).get(0);
            ColumnVector[] vectors = new ColumnVector[bound.size()];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = bound.get(i).eval(chunk);
            }
            return encoder.fromRow(JavaValues.toRows(List.of(new Chunk(1, vectors)), columns).get(0));
        };
    }
}
