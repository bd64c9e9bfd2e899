package dev.sluice.sql;

import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The string, math and collection functions of {@link functions} (Spark's one {@code functions} object, split
 * in Java by a chain of package-private superclasses so that no file grows past a few hundred lines: the static
 * methods are inherited, so {@code functions.upper(...)} and {@code import static dev.sluice.sql.functions.*} see
 * them as Spark users expect). Holds the helpers that build unresolved calls. Stateless.
 */
@SuppressWarnings({"checkstyle:MethodName", "unused"})
abstract class FunctionsCollections {
    FunctionsCollections() {
    }

    static Column call(String name, Object... arguments) {
        List<Expression> args = new ArrayList<>();
        for (Object a : arguments) {
            args.add(Column.toExpression(a));
        }
        return new Column(new UnresolvedFunction(name, args, false));
    }

    static Column callColumns(String name, Column first, Column... rest) {
        List<Expression> args = new ArrayList<>();
        args.add(first.expr());
        for (Column c : rest) {
            args.add(c.expr());
        }
        return new Column(new UnresolvedFunction(name, args, false));
    }

    static Column callColumns(String name, Column[] columns) {
        List<Expression> args = new ArrayList<>();
        for (Column c : columns) {
            args.add(c.expr());
        }
        return new Column(new UnresolvedFunction(name, args, false));
    }

    // ---- strings

    public static Column split(Column str, String pattern) {
        return call("split", str, pattern);
    }

    public static Column split(Column str, String pattern, int limit) {
        return call("split", str, pattern, limit);
    }

    public static Column lower(Column e) {
        return call("lower", e);
    }

    public static Column upper(Column e) {
        return call("upper", e);
    }

    public static Column trim(Column e) {
        return call("trim", e);
    }

    public static Column ltrim(Column e) {
        return call("ltrim", e);
    }

    public static Column rtrim(Column e) {
        return call("rtrim", e);
    }

    public static Column concat(Column... exprs) {
        return callColumns("concat", exprs);
    }

    public static Column concat_ws(String sep, Column... exprs) {
        Object[] args = new Object[exprs.length + 1];
        args[0] = sep;
        System.arraycopy(exprs, 0, args, 1, exprs.length);
        return call("concat_ws", args);
    }

    public static Column length(Column e) {
        return call("length", e);
    }

    public static Column substring(Column str, int pos, int len) {
        return call("substring", str, pos, len);
    }

    public static Column regexp_replace(Column e, String pattern, String replacement) {
        return call("regexp_replace", e, pattern, replacement);
    }

    public static Column regexp_extract(Column e, String exp, int groupIdx) {
        return call("regexp_extract", e, exp, groupIdx);
    }

    public static Column initcap(Column e) {
        return call("initcap", e);
    }

    public static Column lpad(Column str, int len, String pad) {
        return call("lpad", str, len, pad);
    }

    public static Column rpad(Column str, int len, String pad) {
        return call("rpad", str, len, pad);
    }

    // ---- math

    public static Column abs(Column e) {
        return call("abs", e);
    }

    public static Column round(Column e) {
        return call("round", e, 0);
    }

    public static Column round(Column e, int scale) {
        return call("round", e, scale);
    }

    public static Column sqrt(Column e) {
        return call("sqrt", e);
    }

    public static Column floor(Column e) {
        return call("floor", e);
    }

    public static Column ceil(Column e) {
        return call("ceil", e);
    }

    public static Column pow(Column l, Object r) {
        return call("pow", l, r);
    }

    // ---- structs, arrays, JSON

    /** {@code named_struct(name1, value1, ...)}: names are string literals. */
    public static Column named_struct(Column... nameValuePairs) {
        return callColumns("named_struct", nameValuePairs);
    }

    public static Column struct(Column... cols) {
        return callColumns("struct", cols);
    }

    public static Column struct(String colName, String... colNames) {
        Column[] cols = new Column[colNames.length + 1];
        cols[0] = new Column(colName);
        for (int i = 0; i < colNames.length; i++) {
            cols[i + 1] = new Column(colNames[i]);
        }
        return struct(cols);
    }

    public static Column array(Column... cols) {
        return callColumns("array", cols);
    }

    public static Column size(Column e) {
        return call("size", e);
    }

    public static Column array_contains(Column column, Object value) {
        return call("array_contains", column, value);
    }

    public static Column element_at(Column column, Object value) {
        return call("element_at", column, value);
    }

    /** Parses JSON text into a value of {@code schema}. */
    public static Column from_json(Column e, DataType schema) {
        return new Column(new UnresolvedFunction("from_json", List.of(e.expr(), new Literal(schema.simpleString(),
                dev.sluice.sql.types.DataTypes.StringType)), false));
    }

    public static Column from_json(Column e, StructType schema) {
        return from_json(e, (DataType) schema);
    }

    /**
     * Parses JSON text into a value of {@code schema} with Spark's from_json options: {@code mode}
     * (PERMISSIVE/FAILFAST) and the read limits {@code maxStringLen}, {@code maxNumLen}, {@code maxNestingDepth}.
     */
    public static Column from_json(Column e, DataType schema, Map<String, String> options) {
        return from_json(e, schema.simpleString(), options);
    }

    /** Parses JSON text with a DDL schema string, e.g. {@code "a INT, b STRING"}, and from_json's options. */
    public static Column from_json(Column e, String schema, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return call("from_json", e, schema);
        }
        List<Column> entries = new ArrayList<>();
        options.forEach((k, v) -> {
            entries.add(functions.lit(k));
            entries.add(functions.lit(v));
        });
        return call("from_json", e, schema, functions.map(entries.toArray(new Column[0])));
    }

    public static Column to_json(Column e) {
        return call("to_json", e);
    }

}
