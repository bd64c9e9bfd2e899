package dev.sluice.connectors.file;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;

/**
 * The six JSON files of impressions ({@code kind = 'i'}) and clicks ({@code 'c'}) that the watermark-chain tests
 * read one per batch ({@code maxFilesPerTrigger=1}, {@code Trigger.AvailableNow}, watermark 2 seconds on
 * {@code ts}), and the runner that records each batch's sorted rows and each progress's global watermark. The
 * expected values of the subclasses come from Apache Spark 4.1.1 runs of the same queries over the same files.
 */
abstract class ImpressionsAndClicksStreamTest extends FileStreamTestSupport {
    static final String NO_WATERMARK = "1970-01-01T00:00:00.000Z";

    Path in;
    /** The rows of each batch run so far, "id: [sorted rows]". */
    final List<String> batches = Collections.synchronizedList(new ArrayList<>());
    /** Each progress's global watermark, after a run that ended. */
    final List<String> watermarks = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        in = dir.resolve("in");
        drop(in.resolve("f0.json"), lines("01 i 1", "02 i 2", "05 c 1", "08 i 3"), 0);
        drop(in.resolve("f1.json"), lines("12 c 2", "15 c 3", "16 i 4", "19 i 5"), 1000);
        drop(in.resolve("f2.json"), lines("22 c 4", "27 c 5", "28 i 6"), 2000);
        drop(in.resolve("f3.json"), lines("33 c 6", "34 i 7"), 3000);
        drop(in.resolve("f4.json"), lines("41 c 7", "48 i 8"), 4000);
        drop(in.resolve("f5.json"), lines("59 i 9"), 5000);
    }

    /** Runs {@code query} over the watermarked source to its end and returns {@link #batches}. */
    List<String> runOnSource(Function<Dataset<Row>, Dataset<Row>> query) throws Exception {
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("kind", DataTypes.StringType)
                .add("ad", DataTypes.IntegerType);
        Dataset<Row> src = spark.readStream().schema(schema).option("maxFilesPerTrigger", 1).json(in.toString())
                .withWatermark("ts", "2 seconds");
        StreamingQuery q = runAppendAvailableNow(query.apply(src), batches);
        for (StreamingQueryProgress p : q.recentProgress()) {
            watermarks.add(p.eventTime().get("watermark"));
        }
        return batches;
    }

    /** Impressions {@code (iad, its)} and clicks {@code (cad, cts)} of the source. */
    static Dataset<Row> impressions(Dataset<Row> src) {
        return src.filter("kind = 'i'").selectExpr("ad AS iad", "ts AS its");
    }

    static Dataset<Row> clicks(Dataset<Row> src) {
        return src.filter("kind = 'c'").selectExpr("ad AS cad", "ts AS cts");
    }

    /** JSON lines of "second kind ad" triples at 2024-01-01 00:00:second. */
    private static String lines(String... rows) {
        StringBuilder out = new StringBuilder();
        for (String row : rows) {
            String[] p = row.split(" ");
            out.append("{\"ts\":\"2024-01-01 00:00:").append(p[0]).append("\",\"kind\":\"").append(p[1])
                    .append("\",\"ad\":").append(p[2]).append("}\n");
        }
        return out.toString();
    }
}
