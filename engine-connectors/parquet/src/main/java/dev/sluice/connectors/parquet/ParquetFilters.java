package dev.sluice.connectors.parquet;

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
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Pushed filters ({@link Filter}) as a parquet-mr {@link FilterPredicate} over one file's schema, for row-group
 * skipping by statistics, dictionaries and bloom filters (Spark's {@code ParquetFilters}). Row-level filtering
 * stays with the engine, which re-applies the query's filter.
 *
 * <p>What is translated: comparisons, {@code IN} and null tests of top-level columns stored as signed INT32
 * (int, short, byte, date), signed INT64 (bigint, microsecond UTC timestamps), BOOLEAN (equality) and UTF-8
 * BINARY (strings, whose Parquet order is the unsigned byte order Spark compares strings in), and
 * {@code AND}/{@code OR}/{@code NOT} of those. Not translated: floating point (NaN and signed zeros make
 * statistics unsafe for Spark's ordering), decimals, INT96, nested and repeated columns. A constant that does
 * not fit the stored type drops its filter. Columns are matched by exact name, then case-insensitively when
 * unambiguous, as the reader matches them. Dropping a filter, or one side of an {@code AND} outside a
 * {@code NOT}, only widens the predicate, so it never skips a row group holding a row the query keeps.
 * Stateless.
 */
final class ParquetFilters {
    private ParquetFilters() {
    }

    /** The predicate for all of {@code filters} over {@code file}, or null when none can be used. */
    static FilterPredicate predicate(List<Filter> filters, MessageType file) {
        FilterPredicate all = null;
        for (Filter f : filters) {
            FilterPredicate p = translate(f, file, true);
            if (p != null) {
                all = all == null ? p : FilterApi.and(all, p);
            }
        }
        return all;
    }

    private static FilterPredicate translate(Filter f, MessageType file, boolean mayWiden) {
        if (f instanceof And and) {
            FilterPredicate left = translate(and.left(), file, mayWiden);
            FilterPredicate right = translate(and.right(), file, mayWiden);
            if (left != null && right != null) {
                return FilterApi.and(left, right);
            }
            return mayWiden ? (left != null ? left : right) : null;
        }
        if (f instanceof Or or) {
            FilterPredicate left = translate(or.left(), file, mayWiden);
            FilterPredicate right = translate(or.right(), file, mayWiden);
            return left == null || right == null ? null : FilterApi.or(left, right);
        }
        if (f instanceof Not not) {
            FilterPredicate child = translate(not.child(), file, false);
            return child == null ? null : FilterApi.not(child);
        }
        if (f instanceof IsNull n) {
            Leaf leaf = Leaf.of(file, n.attribute());
            return leaf == null ? null : leaf.eq(null);
        }
        if (f instanceof IsNotNull n) {
            Leaf leaf = Leaf.of(file, n.attribute());
            return leaf == null ? null : leaf.notNull();
        }
        if (f instanceof EqualTo e) {
            return e.value() == null ? null : compare(file, e.attribute(), e.value(), Op.EQ);
        }
        if (f instanceof EqualNullSafe e) {
            Leaf leaf = Leaf.of(file, e.attribute());
            return leaf == null ? null : e.value() == null ? leaf.eq(null) : compare(file, e.attribute(), e.value(), Op.EQ);
        }
        if (f instanceof LessThan c) {
            return compare(file, c.attribute(), c.value(), Op.LT);
        }
        if (f instanceof LessThanOrEqual c) {
            return compare(file, c.attribute(), c.value(), Op.LT_EQ);
        }
        if (f instanceof GreaterThan c) {
            return compare(file, c.attribute(), c.value(), Op.GT);
        }
        if (f instanceof GreaterThanOrEqual c) {
            return compare(file, c.attribute(), c.value(), Op.GT_EQ);
        }
        if (f instanceof In in) {
            Leaf leaf = Leaf.of(file, in.attribute());
            return leaf == null ? null : leaf.in(in.values());
        }
        return null;
    }

    private enum Op { EQ, LT, LT_EQ, GT, GT_EQ }

    private static FilterPredicate compare(MessageType file, String attribute, Object value, Op op) {
        Leaf leaf = Leaf.of(file, attribute);
        if (leaf == null || value == null) {
            return null;
        }
        return leaf.compare(op, value);
    }

    /** A top-level column of a supported physical type, and how constants map to its stored values. */
    private record Leaf(String path, Kind kind) {
        enum Kind { INT32, DATE, INT64, TIMESTAMP_MICROS, BOOLEAN, STRING }

        static Leaf of(MessageType file, String attribute) {
            Type field = field(file, attribute);
            if (field == null || !field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                return null;
            }
            PrimitiveType primitive = field.asPrimitiveType();
            LogicalTypeAnnotation annotation = primitive.getLogicalTypeAnnotation();
            Kind kind = switch (primitive.getPrimitiveTypeName()) {
                case INT32 -> annotation == null || signedInt(annotation) ? Kind.INT32
                        : annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? Kind.DATE : null;
                case INT64 -> annotation == null || signedInt(annotation) ? Kind.INT64
                        : annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                                && t.isAdjustedToUTC() && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS
                                ? Kind.TIMESTAMP_MICROS : null;
                case BOOLEAN -> annotation == null ? Kind.BOOLEAN : null;
                case BINARY -> annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? Kind.STRING : null;
                default -> null;
            };
            return kind == null ? null : new Leaf(field.getName(), kind);
        }

        private static boolean signedInt(LogicalTypeAnnotation annotation) {
            return annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned();
        }

        private static Type field(MessageType file, String attribute) {
            if (file.containsField(attribute)) {
                return file.getType(attribute);
            }
            Type match = null;
            for (Type t : file.getFields()) {
                if (t.getName().equalsIgnoreCase(attribute)) {
                    if (match != null) {
                        return null; // ambiguous: leave the filter to the engine
                    }
                    match = t;
                }
            }
            return match;
        }

        /** The stored value of {@code value}, or null when it has no exact stored form. */
        private Comparable<?> stored(Object value) {
            return switch (kind) {
                case INT32 -> value instanceof Integer || value instanceof Short || value instanceof Byte
                        ? (Comparable<?>) Integer.valueOf(((Number) value).intValue())
                        : value instanceof Long l && l == l.intValue() ? Integer.valueOf(l.intValue()) : null;
                case DATE -> value instanceof Date d ? Integer.valueOf(Math.toIntExact(d.toLocalDate().toEpochDay())) : null;
                case INT64 -> value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte ? Long.valueOf(((Number) value).longValue()) : null;
                case TIMESTAMP_MICROS -> value instanceof Timestamp t ? Long.valueOf(Math.addExact(
                        Math.multiplyExact(t.toInstant().getEpochSecond(), 1_000_000L), t.toInstant().getNano() / 1000))
                        : null;
                case BOOLEAN -> value instanceof Boolean b ? b : null;
                case STRING -> value instanceof String s ? Binary.fromString(s) : null;
            };
        }

        FilterPredicate eq(Object storedOrNull) {
            return switch (kind) {
                case INT32, DATE -> FilterApi.eq(FilterApi.intColumn(path), (Integer) storedOrNull);
                case INT64, TIMESTAMP_MICROS -> FilterApi.eq(FilterApi.longColumn(path), (Long) storedOrNull);
                case BOOLEAN -> FilterApi.eq(FilterApi.booleanColumn(path), (Boolean) storedOrNull);
                case STRING -> FilterApi.eq(FilterApi.binaryColumn(path), (Binary) storedOrNull);
            };
        }

        FilterPredicate notNull() {
            return switch (kind) {
                case INT32, DATE -> FilterApi.notEq(FilterApi.intColumn(path), (Integer) null);
                case INT64, TIMESTAMP_MICROS -> FilterApi.notEq(FilterApi.longColumn(path), (Long) null);
                case BOOLEAN -> FilterApi.notEq(FilterApi.booleanColumn(path), (Boolean) null);
                case STRING -> FilterApi.notEq(FilterApi.binaryColumn(path), (Binary) null);
            };
        }

        FilterPredicate compare(Op op, Object value) {
            Comparable<?> v = stored(value);
            if (v == null) {
                return null;
            }
            if (op == Op.EQ) {
                return eq(v);
            }
            return switch (kind) {
                case INT32, DATE -> ordered(FilterApi.intColumn(path), (Integer) v, op);
                case INT64, TIMESTAMP_MICROS -> ordered(FilterApi.longColumn(path), (Long) v, op);
                case STRING -> ordered(FilterApi.binaryColumn(path), (Binary) v, op);
                case BOOLEAN -> null;
            };
        }

        private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
                FilterPredicate ordered(C column, T v, Op op) {
            return switch (op) {
                case LT -> FilterApi.lt(column, v);
                case LT_EQ -> FilterApi.ltEq(column, v);
                case GT -> FilterApi.gt(column, v);
                case GT_EQ -> FilterApi.gtEq(column, v);
                case EQ -> FilterApi.eq(column, v);
            };
        }

        @SuppressWarnings("unchecked")
        FilterPredicate in(Object[] values) {
            Set<Comparable<?>> stored = new HashSet<>();
            for (Object value : values) {
                Comparable<?> v = value == null ? null : stored(value);
                if (v == null && value != null) {
                    return null; // a constant with no stored form: leave the whole IN to the engine
                }
                if (v != null) {
                    stored.add(v); // a null in the list matches no row (x = null is never true)
                }
            }
            if (stored.isEmpty()) {
                return null;
            }
            return switch (kind) {
                case INT32, DATE -> FilterApi.in(FilterApi.intColumn(path), (Set<Integer>) (Set<?>) stored);
                case INT64, TIMESTAMP_MICROS -> FilterApi.in(FilterApi.longColumn(path), (Set<Long>) (Set<?>) stored);
                case BOOLEAN -> FilterApi.in(FilterApi.booleanColumn(path), (Set<Boolean>) (Set<?>) stored);
                case STRING -> FilterApi.in(FilterApi.binaryColumn(path), (Set<Binary>) (Set<?>) stored);
            };
        }
    }
}
