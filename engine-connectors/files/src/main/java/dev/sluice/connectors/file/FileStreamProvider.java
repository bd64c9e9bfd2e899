package dev.sluice.connectors.file;

import dev.sluice.conf.OptionValues;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.RuntimeConfig;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * {@code readStream()}/{@code writeStream()} for a file format: the streaming file source
 * ({@link FileStreamSource}) and the file sink ({@link FileStreamSink}). One subclass per format name
 * ({@link Json}, {@link Csv}, {@link Text}; Parquet's is in connector-parquet) because the short name must equal
 * the format name. A source needs a user schema unless {@code spark.sql.streaming.schemaInference=true} (then it is
 * inferred from the files present when the query is defined) or the format is {@code text} (fixed schema),
 * as Spark. The sink accepts append mode only and reads its partition columns from the option
 * {@value #PARTITION_COLUMNS_OPTION} (a JSON array, set by {@code DataStreamWriter.partitionBy}, the key
 * Spark uses) and, as Spark, needs a {@code checkpointLocation} (a throw-away checkpoint would restart at
 * batch 0, whose id the sink log already holds, and the new rows would be skipped). Stateless and
 * thread-safe.
 */
public abstract class FileStreamProvider implements StreamingProvider {
    /** Spark's {@code DataSourceUtils.PARTITIONING_COLUMNS_KEY}. */
    public static final String PARTITION_COLUMNS_OPTION = "__partition_columns";

    private final String name;

    protected FileStreamProvider(String name) {
        this.name = name;
    }

    /** {@code format("json")}. */
    public static final class Json extends FileStreamProvider {
        public Json() {
            super("json");
        }
    }

    /** {@code format("csv")}. */
    public static final class Csv extends FileStreamProvider {
        public Csv() {
            super("csv");
        }
    }

    /** {@code format("text")}. */
    public static final class Text extends FileStreamProvider {
        public Text() {
            super("text");
        }
    }

    @Override
    public String shortName() {
        return name;
    }

    private FileFormat format() {
        return FileFormats.forName(name);
    }

    /** The columns read from the files and the partition columns found in {@code col=value} folders. */
    record SourceSchemas(StructType data, StructType partitions) {
        StructType full() {
            return FileFormatProvider.concat(data, partitions);
        }
    }

    @Override
    public StructType sourceSchema(SourceContext context) {
        return schemas(context).full();
    }

    /**
     * As Spark: partition columns come from the folders of the files present when the stream is defined
     * (typed as the user schema says, else inferred), after the data columns; the data columns are the user
     * schema's other columns, or inferred from those files with {@code spark.sql.streaming.schemaInference}.
     */
    private SourceSchemas schemas(SourceContext context) {
        FormatOptions formatOptions = formatOptions(context);
        FileStreamOptions options = new FileStreamOptions(context.options(), formatOptions.files());
        ZoneId zone = formatOptions.zone();
        List<FileListing.SourceFile> files;
        try {
            files = FileListing.list(List.of(options.path), formatOptions);
        } catch (AnalysisException e) {
            if (!"PATH_NOT_FOUND".equals(e.getCondition()) || !FileStreamOptions.isGlob(options.path)) {
                throw e; // a missing folder is reported when the stream is defined, as Spark
            }
            files = List.of();
        }
        StructType userSchema = context.userSchema();
        StructType partitions = formatOptions.getBoolean("recursiveFileLookup", false) ? new StructType()
                : FileFormatProvider.partitionSchema(files, userSchema, zone);
        StructType full;
        if (userSchema != null) {
            full = userSchema;
        } else {
            boolean inference = Boolean.parseBoolean(context.session().conf().get(
                    RuntimeConfig.STREAMING_SCHEMA_INFERENCE, "false"));
            if (!inference && !name.equals("text")) {
                throw new dev.sluice.SluiceIllegalArgumentException("_LEGACY_ERROR_TEMP_2048", "Schema must be"
                        + " specified when creating a streaming source DataFrame."
                        + " If some files already exist in the directory, then depending on the file format you may be"
                        + " able to create a static DataFrame on that directory with 'spark.read.load(directory)' and"
                        + " infer schema from it.", null);
            }
            List<Path> paths = new ArrayList<>();
            for (FileListing.SourceFile f : files) {
                paths.add(f.path());
            }
            try {
                full = format().inferSchema(paths, formatOptions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<StructField> data = new ArrayList<>();
        for (StructField f : full) {
            if (partitions.indexOfIgnoreCase(f.name()) < 0) {
                data.add(new StructField(f.name(), f.dataType(), true));
            }
        }
        return new SourceSchemas(new StructType(data), nullable(partitions));
    }

    @Override
    public Source createSource(SourceContext context) {
        SourceSchemas schemas = schemas(context);
        FormatOptions formatOptions = formatOptions(context);
        CompactibleFileLog.Settings logSettings = CompactibleFileLog.Settings.from(context.session().conf().getAll(),
                FileStreamSourceLog.SETTINGS_PREFIX);
        return new FileStreamSource(format(), formatOptions, new FileStreamOptions(context.options(), formatOptions.files()),
                schemas.data(), schemas.partitions(), formatOptions.files().qualify(context.metadataPath()), logSettings,
                context.session().parallelism());
    }

    private FormatOptions formatOptions(SourceContext context) {
        return format().withSessionDefaults(FormatOptions.of(context.options(), context.session()),
                context.session().conf());
    }

    /** Every output mode, so that the sink can reject the others with Spark's own message. */
    @Override
    public Set<OutputMode> supportedOutputModes() {
        return Set.of(OutputMode.Append(), OutputMode.Update(), OutputMode.Complete());
    }

    @Override
    public Sink createSink(SinkContext context) {
        if (!context.outputMode().equals(OutputMode.Append())) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1188", "Data source " + name + " does not support "
                    + context.outputMode() + " output mode", null);
        }
        String path = context.option("path", null);
        if (path == null) {
            throw OptionValues.pathNotSpecified();
        }
        if (context.option("checkpointLocation", null) == null
                && context.session().conf().get("spark.sql.streaming.checkpointLocation", null) == null) {
            // a temporary checkpoint would restart at batch 0, which the sink log already holds: rows lost
            throw new AnalysisException("checkpointLocation must be specified either through"
                    + " option(\"checkpointLocation\", ...) or SluiceSession.conf.set(\"spark.sql.streaming"
                    + ".checkpointLocation\", ...).");
        }
        FileFormat format = format();
        format.checkWritable(context.schema());
        List<String> partitionColumns = partitionColumns(context.option(PARTITION_COLUMNS_OPTION, null));
        for (String column : partitionColumns) {
            if (context.schema().indexOfIgnoreCase(column) < 0) {
                throw new AnalysisException("Partition column `" + column + "` not found in schema "
                        + context.schema().toDDL());
            }
        }
        FormatOptions formatOptions = FormatOptions.of(context.options(), context.session());
        CompactibleFileLog.Settings logSettings = CompactibleFileLog.Settings.from(context.session().conf().getAll(),
                FileSinkLog.SETTINGS_PREFIX);
        return new FileStreamSink(FileStreamOptions.qualify(formatOptions.files(), "path", path), format, formatOptions, partitionColumns,
                logSettings);
    }

    static List<String> partitionColumns(String json) {
        List<String> out = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw OptionValues.invalid(PARTITION_COLUMNS_OPTION, json, "expected a JSON array of column names");
            }
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            }
        } catch (IOException e) {
            throw OptionValues.refused(PARTITION_COLUMNS_OPTION, "Invalid value " + OptionValues.quoted(
                    PARTITION_COLUMNS_OPTION, json) + " for option '" + PARTITION_COLUMNS_OPTION + "': expected a JSON"
                    + " array of column names", e);
        }
        return out;
    }

    private static StructType nullable(StructType schema) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : schema) {
            fields.add(new StructField(f.name(), f.dataType(), true));
        }
        return new StructType(fields);
    }

    @Override
    public String toString() {
        return "FileStreamProvider(" + name.toLowerCase(Locale.ROOT) + ")";
    }
}
