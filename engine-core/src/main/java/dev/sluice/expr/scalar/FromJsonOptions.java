package dev.sluice.expr.scalar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.sluice.batch.Chunk;
import dev.sluice.expr.Expression;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The options map of {@code from_json} (its third argument, {@code map('mode', 'FAILFAST', ...)}), as Spark 4.1's
 * {@code JsonToStructs} reads it: {@code mode} ({@code PERMISSIVE}, the default, or {@code FAILFAST}; any other
 * mode is {@code PARSE_MODE_UNSUPPORTED}) and the JSON stream-read limits {@code maxStringLen} (longest string
 * value, default 20,000,000 characters), {@code maxNumLen} (longest number, 1,000 characters) and
 * {@code maxNestingDepth} (1,000 levels), which become Jackson's {@link StreamReadConstraints} as in Spark's
 * {@code JSONOptions}. A value beyond a limit is a malformed record, as in Spark: NULL fields in PERMISSIVE mode,
 * {@code MALFORMED_RECORD_IN_PARSING} in FAILFAST mode. Option names are case-insensitive; other options are
 * accepted and ignored (Spark's parsing options that Sluice's from_json does not implement).
 *
 * <p>Immutable and thread-safe; the Jackson factories are shared per distinct limits.
 */
record FromJsonOptions(boolean failFast, int maxNestingDepth, int maxNumLen, int maxStringLen) {
    /** No options: PERMISSIVE with Jackson's (and Spark's) default limits. */
    static final FromJsonOptions DEFAULTS = new FromJsonOptions(false, StreamReadConstraints.DEFAULT_MAX_DEPTH,
            StreamReadConstraints.DEFAULT_MAX_NUM_LEN, StreamReadConstraints.DEFAULT_MAX_STRING_LEN);
    private static final Map<FromJsonOptions, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    /**
     * The options of the argument {@code options}, which must be a constant map of strings to strings.
     *
     * @throws AnalysisException {@code INVALID_OPTIONS.NON_MAP_FUNCTION} / {@code INVALID_OPTIONS.NON_STRING_TYPE}
     *         for another argument, {@code PARSE_MODE_UNSUPPORTED} for a mode other than PERMISSIVE or FAILFAST,
     *         {@code INVALID_PARAMETER_VALUE.INTEGER} naming a limit that is not a non-negative integer
     */
    static FromJsonOptions of(Expression options) {
        if (!(options.dataType() instanceof MapType type) || !options.foldable()) {
            throw new AnalysisException("INVALID_OPTIONS.NON_MAP_FUNCTION", "Invalid options: Must use the `map()`"
                    + " function for options.", "42K06");
        }
        if (!(type.keyType() instanceof StringType) || !(type.valueType() instanceof StringType)) {
            throw new AnalysisException("INVALID_OPTIONS.NON_STRING_TYPE", "Invalid options: A type of keys and values"
                    + " in `map()` must be string, but got \"" + type.sql() + "\".", "42K06");
        }
        Object value = options.eval(new Chunk(1)).getObject(0);
        Map<?, ?> map = value == null ? Collections.emptyMap() : (Map<?, ?>) value;
        boolean failFast = false;
        int depth = DEFAULTS.maxNestingDepth;
        int numLen = DEFAULTS.maxNumLen;
        int stringLen = DEFAULTS.maxStringLen;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            String text = String.valueOf(e.getValue());
            switch (name.toLowerCase(Locale.ROOT)) {
                case "mode" -> failFast = failFast(text);
                case "maxnestingdepth" -> depth = limit(name, text);
                case "maxnumlen" -> numLen = limit(name, text);
                case "maxstringlen" -> stringLen = limit(name, text);
                default -> {
                    // Spark's other JSON options: accepted, not used by Sluice's from_json
                }
            }
        }
        return new FromJsonOptions(failFast, depth, numLen, stringLen);
    }

    private static boolean failFast(String mode) {
        String upper = mode.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("FAILFAST")) {
            return true;
        }
        if (upper.equals("PERMISSIVE")) {
            return false;
        }
        // Spark maps an unknown mode name to PERMISSIVE with a warning; DROPMALFORMED is refused for from_json.
        if (upper.equals("DROPMALFORMED")) {
            throw new AnalysisException("PARSE_MODE_UNSUPPORTED", "The function `from_json` doesn't support the"
                    + " DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.", "42601");
        }
        return false;
    }

    private static int limit(String name, String text) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw new AnalysisException("INVALID_PARAMETER_VALUE.INTEGER", "The value of parameter(s) `" + name
                    + "` in `from_json` is invalid: expects an integer literal, but got '" + text + "'.", "22023");
        }
        return value;
    }

    /** The Jackson factory enforcing these limits (shared per distinct limits). */
    JsonFactory factory() {
        FromJsonOptions limits = failFast ? new FromJsonOptions(false, maxNestingDepth, maxNumLen, maxStringLen) : this;
        return FACTORIES.computeIfAbsent(limits, k -> new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(k.maxNestingDepth)
                        .maxNumberLength(k.maxNumLen).maxStringLength(k.maxStringLen).build())
                .build());
    }

    /**
     * FAILFAST's error for a malformed record: Spark's text, with the record shown as Spark shows it (the result
     * row of NULLs, {@code [null,null]} for two fields; {@code [null]} for an array or map schema).
     */
    static SluiceException malformed(DataType schema, Exception cause) {
        int fields = schema instanceof StructType struct ? struct.length() : 1;
        String row = "[" + String.join(",", Collections.nCopies(fields, "null")) + "]";
        return new SluiceException("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected"
                + " in record parsing: " + row + ".\nParse Mode: FAILFAST. To process malformed records as null result,"
                + " try setting the option 'mode' as 'PERMISSIVE'.", "22023", cause);
    }
}
