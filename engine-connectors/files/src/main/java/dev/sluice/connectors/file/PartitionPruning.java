package dev.sluice.connectors.file;

import dev.sluice.sql.sources.AlwaysFalse;
import dev.sluice.sql.sources.AlwaysTrue;
import dev.sluice.sql.sources.And;
import dev.sluice.sql.sources.EqualNullSafe;
import dev.sluice.sql.sources.EqualTo;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.sources.GreaterThan;
import dev.sluice.sql.sources.GreaterThanOrEqual;
import dev.sluice.sql.sources.In;
import dev.sluice.sql.sources.IsNotNull;
import dev.sluice.sql.sources.IsNull;
import dev.sluice.sql.sources.LessThan;
import dev.sluice.sql.sources.LessThanOrEqual;
import dev.sluice.sql.sources.Not;
import dev.sluice.sql.sources.Or;
import dev.sluice.sql.sources.StringContains;
import dev.sluice.sql.sources.StringEndsWith;
import dev.sluice.sql.sources.StringStartsWith;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Partition pruning (Spark's {@code PartitionFilters}): a file whose partition values ({@code year=2024/...})
 * make the pushed filters false for every row is not read at all. Filters are evaluated in SQL's three-valued
 * logic over the file's typed partition values; anything that cannot be decided here (a data column, a value
 * of another type) is unknown, and a file is dropped only when the result is definitely false, so the engine's
 * filter above the scan sees every row it would keep. Stateless.
 */
final class PartitionPruning {
    private PartitionPruning() {
    }

    /** The files for which {@code filters} may hold, in order. */
    static List<FileListing.SourceFile> prune(List<FileListing.SourceFile> files, List<Filter> filters,
            StructType partitionSchema, ZoneId zone) {
        if (filters.isEmpty() || partitionSchema.length() == 0) {
            return files;
        }
        List<FileListing.SourceFile> kept = new ArrayList<>();
        for (FileListing.SourceFile file : files) {
            Map<String, Object> values = new HashMap<>();
            partitionSchema.fieldList().forEach(f -> values.put(f.name(), PartitionPaths.constant(
                    file.partitionValues().get(f.name()), f.dataType(), 1, zone).getObject(0)));
            boolean possible = true;
            for (Filter filter : filters) {
                if (Boolean.FALSE.equals(eval(filter, values))) {
                    possible = false;
                    break;
                }
            }
            if (possible) {
                kept.add(file);
            }
        }
        return kept;
    }

    /** Whether {@code filter} references only columns of {@code schema}. */
    static boolean only(Filter filter, StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        for (String column : filter.references()) {
            if (!names.contains(column)) {
                return false;
            }
        }
        return true;
    }

    /** TRUE, FALSE, or null for SQL's unknown (and for what cannot be decided from partition values). */
    static Boolean eval(Filter f, Map<String, Object> values) {
        if (f instanceof And and) {
            Boolean l = eval(and.left(), values);
            Boolean r = eval(and.right(), values);
            return Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r) ? Boolean.FALSE
                    : l == null || r == null ? null : Boolean.TRUE;
        }
        if (f instanceof Or or) {
            Boolean l = eval(or.left(), values);
            Boolean r = eval(or.right(), values);
            return Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r) ? Boolean.TRUE
                    : l == null || r == null ? null : Boolean.FALSE;
        }
        if (f instanceof Not not) {
            Boolean c = eval(not.child(), values);
            return c == null ? null : !c;
        }
        if (f instanceof AlwaysTrue) {
            return Boolean.TRUE;
        }
        if (f instanceof AlwaysFalse) {
            return Boolean.FALSE;
        }
        String column = f.references()[0];
        if (!values.containsKey(column)) {
            return null; // a data column: not known from the path
        }
        Object v = values.get(column);
        if (f instanceof IsNull) {
            return v == null;
        }
        if (f instanceof IsNotNull) {
            return v != null;
        }
        if (f instanceof EqualNullSafe e) {
            if (v == null || e.value() == null) {
                return v == null && e.value() == null;
            }
            Integer c = compare(v, e.value());
            return c == null ? null : c == 0;
        }
        if (f instanceof In in) {
            if (v == null) {
                return null;
            }
            boolean unknown = false;
            for (Object item : in.values()) {
                Integer c = item == null ? null : compare(v, item);
                if (c != null && c == 0) {
                    return Boolean.TRUE;
                }
                unknown |= c == null;
            }
            return unknown ? null : Boolean.FALSE;
        }
        if (f instanceof StringStartsWith s) {
            return v instanceof String text ? text.startsWith(s.value()) : null;
        }
        if (f instanceof StringEndsWith s) {
            return v instanceof String text ? text.endsWith(s.value()) : null;
        }
        if (f instanceof StringContains s) {
            return v instanceof String text ? text.contains(s.value()) : null;
        }
        Object constant = f instanceof EqualTo e ? e.value() : f instanceof LessThan c ? c.value()
                : f instanceof LessThanOrEqual c ? c.value() : f instanceof GreaterThan c ? c.value()
                : f instanceof GreaterThanOrEqual c ? c.value() : null;
        Integer c = v == null || constant == null ? null : compare(v, constant);
        if (c == null) {
            return null;
        }
        if (f instanceof EqualTo) {
            return c == 0;
        } else if (f instanceof LessThan) {
            return c < 0;
        } else if (f instanceof LessThanOrEqual) {
            return c <= 0;
        } else if (f instanceof GreaterThan) {
            return c > 0;
        } else if (f instanceof GreaterThanOrEqual) {
            return c >= 0;
        }
        return null;
    }

    /**
     * The order of an internal partition value (numbers, strings, dates as epoch days, timestamps as epoch
     * microseconds, booleans) and a filter constant in its external form, or null when they are not comparable.
     */
    private static Integer compare(Object internal, Object constant) {
        if (constant instanceof Date d && internal instanceof Integer days) {
            return Long.compare(days, d.toLocalDate().toEpochDay());
        }
        if (constant instanceof Timestamp t && internal instanceof Long micros) {
            long constantMicros = Math.addExact(Math.multiplyExact(t.toInstant().getEpochSecond(), 1_000_000L),
                    t.toInstant().getNano() / 1000);
            return Long.compare(micros, constantMicros);
        }
        if (constant instanceof String s && internal instanceof String text) {
            return Integer.signum(compareCodePoints(text, s));
        }
        if (constant instanceof Boolean b && internal instanceof Boolean value) {
            return Boolean.compare(value, b);
        }
        BigDecimal a = decimal(internal);
        BigDecimal b = decimal(constant);
        return a == null || b == null ? null : a.compareTo(b);
    }

    /** Spark compares strings by their UTF-8 bytes, which is code point order. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        return null;
    }
}
