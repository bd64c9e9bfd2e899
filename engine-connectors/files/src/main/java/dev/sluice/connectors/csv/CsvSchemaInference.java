package dev.sluice.connectors.csv;

import dev.sluice.connectors.file.InferredTypes;
import dev.sluice.connectors.file.RecordSampler;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.TextValueParser;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spark's CSV schema inference. Column names come from the header of the first file ({@code _c0},
 * {@code _c1}, ... without one; empty names become {@code _c<i>}, duplicates get their index appended).
 * Without {@code inferSchema} every column is a string; with it, each column takes the narrowest type all
 * its non-null tokens parse as, tried in Spark's order: int, long, decimal (integers too big for a long),
 * double (also {@code nanValue}, {@code positiveInf}, {@code negativeInf}), date (the {@code dateFormat},
 * {@code yyyy-MM-dd} by default), timestamp, boolean, else string. With {@code samplingRatio} below 1 only a
 * sample of the records is typed ({@link RecordSampler}).
 * Not thread-safe (one instance per inference).
 */
final class CsvSchemaInference {
    private final CsvOptions options;
    private final TemporalFormats temporal;
    private final RecordSampler sampler;
    private List<String> names;
    private DataType[] types;

    CsvSchemaInference(CsvOptions options, TemporalFormats temporal, RecordSampler sampler) {
        this.options = options;
        this.temporal = temporal;
        this.sampler = sampler;
    }

    /** Adds the records of one file. */
    void add(CsvTokenizer tokenizer) throws IOException {
        boolean first = true;
        while (tokenizer.next()) {
            if (names == null) {
                names = header(tokenizer);
                types = new DataType[names.size()];
                java.util.Arrays.fill(types, DataTypes.NullType);
                if (options.header) {
                    first = false;
                    continue;
                }
            } else if (first && options.header) {
                first = false;
                continue;
            }
            first = false;
            if (options.inferSchema && sampler.take()) {
                for (int i = 0; i < Math.min(types.length, tokenizer.tokenCount()); i++) {
                    String token = tokenizer.token(i);
                    if (token != null) {
                        types[i] = InferredTypes.merge(types[i], inferToken(token, types[i]));
                    }
                }
            }
        }
    }

    /** The schema of everything added, or null when no record was seen. */
    StructType schema() {
        if (names == null) {
            return null;
        }
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            DataType type = options.inferSchema ? InferredTypes.canonicalize(types[i]) : DataTypes.StringType;
            fields.add(new StructField(names.get(i), type, true));
        }
        return new StructType(fields);
    }

    private List<String> header(CsvTokenizer tokenizer) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (int i = 0; i < tokenizer.tokenCount(); i++) {
            String name = options.header ? tokenizer.token(i) : null;
            String key = name == null ? null : name.toLowerCase(Locale.ROOT);
            if (key != null && !seen.add(key)) {
                duplicates.add(key);
            }
        }
        for (int i = 0; i < tokenizer.tokenCount(); i++) {
            String name = options.header ? tokenizer.token(i) : null;
            if (name == null || name.isEmpty()) {
                out.add("_c" + i);
            } else if (duplicates.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(name + i);
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** The type of one token, starting from the type inferred so far (Spark never narrows back). */
    private DataType inferToken(String token, DataType soFar) {
        if (soFar.equals(DataTypes.StringType)) {
            return DataTypes.StringType;
        }
        if (isInteger(token)) {
            return DataTypes.IntegerType;
        }
        if (isLong(token)) {
            return DataTypes.LongType;
        }
        DataType decimal = integralDecimal(token);
        if (decimal != null) {
            return decimal;
        }
        if (isDouble(token)) {
            return DataTypes.DoubleType;
        }
        if (temporal.isStrictDate(token)) {
            return DataTypes.DateType;
        }
        if (temporal.parseTimestamp(token) != TemporalFormats.INVALID_TIMESTAMP) {
            return DataTypes.TimestampType;
        }
        if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return DataTypes.BooleanType;
        }
        return DataTypes.StringType;
    }

    private static boolean isInteger(String token) {
        try {
            Integer.parseInt(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isLong(String token) {
        try {
            Long.parseLong(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static DataType integralDecimal(String token) {
        try {
            BigDecimal value = new BigDecimal(token);
            if (value.scale() > 0 || value.precision() > DecimalType.MAX_PRECISION) {
                return null;
            }
            return new DecimalType(Math.max(value.precision(), 1), 0);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean isDouble(String token) {
        try {
            Double.parseDouble(token);
            return true;
        } catch (NumberFormatException e) {
            return TextValueParser.nonNumeric(token) != 0 || options.isNonNumeric(token);
        }
    }
}
