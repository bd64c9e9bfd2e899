package dev.sluice.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.TextBasedFormat;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import org.apache.hadoop.fs.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark's {@code json} format: JSON Lines (or one document per file with {@code multiLine}), read and
 * written with Jackson's streaming API directly into and out of column vectors. Options: {@code multiLine},
 * {@code mode}, {@code columnNameOfCorruptRecord}, {@code dateFormat}, {@code timestampFormat},
 * {@code timeZone}, {@code encoding}, {@code lineSep}, {@code compression}, {@code ignoreNullFields}
 * (write) and the parser switches {@code allowComments}, {@code allowUnquotedFieldNames},
 * {@code allowSingleQuotes} (default true), {@code allowNumericLeadingZeros},
 * {@code allowNonNumericNumbers} (default true), {@code allowBackslashEscapingAnyCharacter},
 * {@code allowUnquotedControlChars}, and Spark's stream-read limits {@code maxStringLen} (longest string value,
 * default 20,000,000 characters), {@code maxNumLen} (longest number, default 1,000 characters) and
 * {@code maxNestingDepth} (default 1,000 levels), Jackson's {@code StreamReadConstraints} as in Spark 4.1. A value
 * beyond a limit is a malformed record, as in Spark: null (PERMISSIVE), dropped (DROPMALFORMED) or an error
 * naming the file and line (FAILFAST); raise the limit to read it. Stateless and thread-safe; Jackson factories
 * are shared per option set.
 */
public final class JsonFormat extends TextBasedFormat {
    private static final ConcurrentHashMap<FactoryKey, JsonFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final String[] FEATURE_OPTIONS = {"allowComments", "allowUnquotedFieldNames", "allowSingleQuotes",
        "allowNumericLeadingZeros", "allowNonNumericNumbers", "allowBackslashEscapingAnyCharacter",
        "allowUnquotedControlChars"};
    private static final JsonReadFeature[] FEATURES = {JsonReadFeature.ALLOW_JAVA_COMMENTS,
        JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
        JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
        JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS};
    private static final boolean[] DEFAULTS = {false, false, true, false, true, false, false};

    @Override
    public String shortName() {
        return "json";
    }

    @Override
    protected String baseExtension() {
        return ".json";
    }

    /** The parser switches and stream-read limits a factory is built for. */
    private record FactoryKey(int features, int maxNestingDepth, int maxNumLen, int maxStringLen) {
        // written out (same meaning as the generated ones) so that a query's start does not bootstrap
        // java.lang.runtime.ObjectMethods (about 40 method-handle classes in a fresh JVM) for a cache key
        @Override
        public boolean equals(Object other) {
            return other instanceof FactoryKey k && features == k.features && maxNestingDepth == k.maxNestingDepth
                    && maxNumLen == k.maxNumLen && maxStringLen == k.maxStringLen;
        }

        @Override
        public int hashCode() {
            return ((features * 31 + maxNestingDepth) * 31 + maxNumLen) * 31 + maxStringLen;
        }
    }

    /**
     * The Jackson factory for the parser switches and stream-read limits of {@code options}.
     *
     * @throws IllegalArgumentException naming the option when a switch is not a boolean or a limit not a
     *         positive integer
     */
    static JsonFactory factory(FormatOptions options) {
        int mask = 0;
        for (int i = 0; i < FEATURE_OPTIONS.length; i++) {
            if (options.getBoolean(FEATURE_OPTIONS[i], DEFAULTS[i])) {
                mask |= 1 << i;
            }
        }
        FactoryKey key = new FactoryKey(mask, limit(options, "maxNestingDepth", StreamReadConstraints.DEFAULT_MAX_DEPTH),
                limit(options, "maxNumLen", StreamReadConstraints.DEFAULT_MAX_NUM_LEN),
                limit(options, "maxStringLen", StreamReadConstraints.DEFAULT_MAX_STRING_LEN));
        return FACTORIES.computeIfAbsent(key, k -> {
            JsonFactoryBuilder builder = new JsonFactoryBuilder();
            for (int i = 0; i < FEATURES.length; i++) {
                builder.configure(FEATURES[i], (k.features() & (1 << i)) != 0);
            }
            builder.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(k.maxNestingDepth())
                    .maxNumberLength(k.maxNumLen()).maxStringLength(k.maxStringLen()).build());
            return builder.build();
        });
    }

    private static int limit(FormatOptions options, String name, int defaultValue) {
        int value = options.getInt(name, defaultValue);
        if (value <= 0) {
            throw dev.sluice.conf.OptionValues.invalid(name, options.get(name), "expected a positive integer");
        }
        return value;
    }

    @Override
    public StructType inferSchema(List<Path> files, FormatOptions options) throws IOException {
        JsonSchemaInference inference = new JsonSchemaInference(factory(options), options);
        boolean multiLine = options.getBoolean("multiLine", false);
        for (Path file : files) {
            try (Reader reader = new InputStreamReader(openStream(file, options), options.charset())) {
                inference.add(reader, multiLine, file.toString());
            }
        }
        return orFail(inference.schema());
    }

    /** The schema of the JSON in {@code in}, as {@link #inferSchema(List, FormatOptions)} does for files. */
    public StructType inferSchema(InputStream in, String sourceName, FormatOptions options) throws IOException {
        JsonSchemaInference inference = new JsonSchemaInference(factory(options), options);
        try (Reader reader = new InputStreamReader(in, options.charset())) {
            inference.add(reader, options.getBoolean("multiLine", false), sourceName);
        }
        return orFail(inference.schema());
    }

    private static StructType orFail(StructType schema) {
        if (schema == null) {
            throw new AnalysisException("UNABLE_TO_INFER_SCHEMA", "Unable to infer schema for JSON. It must be"
                    + " specified manually.", "42KD9");
        }
        return schema;
    }

    @Override
    public ChunkReader open(InputStream in, String sourceName, StructType schema, FormatOptions options) {
        return new JsonChunkReader(new InputStreamReader(in, options.charset()), schema, options, factory(options), sourceName);
    }

    @Override
    public ChunkWriter create(OutputStream out, StructType schema, FormatOptions options) throws IOException {
        return new JsonChunkWriter(new BufferedWriter(new OutputStreamWriter(out, options.charset())), schema,
                factory(options), TemporalFormats.of(options), options.get("lineSep", "\n"),
                options.getBoolean("ignoreNullFields", true));
    }

    @Override
    public void checkWritable(StructType schema) {
        // Every type has a JSON form.
    }
}
