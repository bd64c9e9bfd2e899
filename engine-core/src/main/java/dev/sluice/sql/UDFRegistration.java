package dev.sluice.sql;

import dev.sluice.expr.FunctionBuilder;
import dev.sluice.sql.expressions.UserDefinedFunction;
import dev.sluice.sql.types.DataType;
import java.util.Locale;
import java.util.Map;

/**
 * Registers user-defined functions in a session, as Spark's {@code UDFRegistration} ({@code session.udf()}):
 * a registered function is callable by name from {@code expr()}, {@code selectExpr}, {@code session.sql} text
 * and {@code call_function}/{@code callUDF}, and hides a built-in function of the same name in this session
 * (names are case-insensitive). Thread-safe.
 */
public final class UDFRegistration {
    private final Map<String, FunctionBuilder> functions;

    UDFRegistration(Map<String, FunctionBuilder> functions) {
        this.functions = functions;
    }

    /** Registers {@code udf} under {@code name}; returns it named so. */
    public UserDefinedFunction register(String name, UserDefinedFunction udf) {
        UserDefinedFunction named = udf.withName(name);
        functions.put(name.toLowerCase(Locale.ROOT), (arguments, context) -> named.call(arguments));
        return named;
    }

    private void registerJava(String name, Object f, DataType returnType) {
        register(name, Udfs.of(f, returnType));
    }

    public void register(String name, dev.sluice.sql.api.java.UDF0<?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF1<?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF2<?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF3<?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF4<?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF5<?, ?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF6<?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF7<?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF8<?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF9<?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }

    public void register(String name, dev.sluice.sql.api.java.UDF10<?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
        registerJava(name, f, returnType);
    }
}
