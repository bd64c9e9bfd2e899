package dev.sluice.sql.streaming;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.KeyValueGroupedDataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;

/** Shared by the transformWithState tests: input keyed as {@code "key:value"}, a collecting sink, state reads. */
abstract class TransformWithStateSupport extends StatefulTestSupport {
    static final long T0 = 1_700_000_000_000L;
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** "a:x" has key "a". */
    static String keyOf(String s) {
        return s.substring(0, s.indexOf(':'));
    }

    KeyValueGroupedDataset<String, String> grouped(MemoryStream input) {
        return input.toDF().as(Encoders.STRING()).groupByKey(TransformWithStateSupport::keyOf, Encoders.STRING());
    }

    /** Starts {@code ds} writing the first column of each batch's rows into {@code out}. */
    static <T> StreamingQuery start(Dataset<T> ds, String mode, String checkpoint, Map<Long, List<String>> out,
                                    Trigger trigger, boolean sorted) throws Exception {
        return GroupStateTest.collect(ds, mode, checkpoint, out, trigger, r -> String.valueOf(r.get(0)), sorted);
    }

    /** The grouping key (a string) of a state data source row. */
    static String key(Row r) {
        return ((Row) r.get(0)).getString(0);
    }

    /** State variable {@code var} as the state data source reads it, formatted and sorted. */
    List<String> read(String checkpoint, String var, Function<Row, String> format) {
        List<String> rows = new ArrayList<>();
        spark.read().format("statestore").option("stateVarName", var).load(checkpoint).collectAsList()
                .forEach(r -> rows.add(format.apply(r)));
        rows.sort(null);
        return rows;
    }
}
