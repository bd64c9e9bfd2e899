package dev.sluice.sql;

import dev.sluice.sql.api.java.UDF0;
import dev.sluice.sql.api.java.UDF1;
import dev.sluice.sql.api.java.UDF2;
import dev.sluice.sql.api.java.UDF3;
import dev.sluice.sql.api.java.UDF4;
import dev.sluice.sql.api.java.UDF5;
import dev.sluice.sql.api.java.UDF6;
import dev.sluice.sql.api.java.UDF7;
import dev.sluice.sql.api.java.UDF8;
import dev.sluice.sql.api.java.UDF9;
import dev.sluice.sql.api.java.UDF10;
import dev.sluice.sql.expressions.UserDefinedFunction;
import dev.sluice.sql.types.DataType;

/** Wraps Spark's {@code UDF0} ... {@code UDF10} interfaces as {@link UserDefinedFunction}s. Stateless. */
final class Udfs {
    private Udfs() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static UserDefinedFunction of(Object function, DataType returnType) {
        if (function instanceof UDF0 f) {
            UDF0<Object> g = f;
            return UserDefinedFunction.of(a -> g.call(), 0, returnType);
        }
        if (function instanceof UDF1 f) {
            UDF1<Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0]), 1, returnType);
        }
        if (function instanceof UDF2 f) {
            UDF2<Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1]), 2, returnType);
        }
        if (function instanceof UDF3 f) {
            UDF3<Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2]), 3, returnType);
        }
        if (function instanceof UDF4 f) {
            UDF4<Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3]), 4, returnType);
        }
        if (function instanceof UDF5 f) {
            UDF5<Object, Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3], a[4]), 5, returnType);
        }
        if (function instanceof UDF6 f) {
            UDF6<Object, Object, Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3], a[4], a[5]), 6, returnType);
        }
        if (function instanceof UDF7 f) {
            UDF7<Object, Object, Object, Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3], a[4], a[5], a[6]), 7, returnType);
        }
        if (function instanceof UDF8 f) {
            UDF8<Object, Object, Object, Object, Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]), 8, returnType);
        }
        if (function instanceof UDF9 f) {
            UDF9<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]), 9, returnType);
        }
        if (function instanceof UDF10 f) {
            UDF10<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object> g = f;
            return UserDefinedFunction.of(a -> g.call(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]), 10, returnType);
        }
        throw new IllegalArgumentException("not a UDF0..UDF10 function: " + function);
    }
}
