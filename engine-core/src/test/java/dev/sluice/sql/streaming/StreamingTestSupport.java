package dev.sluice.sql.streaming;

import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.SystemClock;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Session, clean-up and small helpers shared by the streaming tests. */
abstract class StreamingTestSupport {
    static final StructType LINES = new StructType().add("value", DataTypes.StringType);

    SluiceSession spark;

    @BeforeEach
    void session() {
        spark = Sluice.builder().appName("streaming-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC")
                // few state partitions, as Spark's own streaming tests: each is a store committed per batch
                .config("spark.sql.shuffle.partitions", "5").getOrCreate();
        spark.streams().resetTerminated();
    }

    @AfterEach
    void stopQueries() throws Exception {
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        spark.streams().setClock(SystemClock.INSTANCE);
        spark.streams().setHooks(BatchHooks.NONE);
        spark.streams().awaitListenerEvents(5000);
        spark.streams().resetTerminated();
    }

    MemoryStream lines() {
        return MemoryStream.of(spark, LINES);
    }

    /** Rows as "a=1" strings keyed and sorted by their text, for order-insensitive comparison. */
    static List<String> sorted(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.toString());
        }
        out.sort(null);
        return out;
    }

    static TreeMap<String, Long> counts(List<Row> rows) {
        TreeMap<String, Long> out = new TreeMap<>();
        for (Row r : rows) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
