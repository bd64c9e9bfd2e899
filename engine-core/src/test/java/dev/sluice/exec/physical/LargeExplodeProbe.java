package dev.sluice.exec.physical;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.explode;
import static dev.sluice.sql.functions.sum;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link LargeExplodeTest} in a JVM with a small heap: explodes one row holding a
 * {@value #ELEMENTS}-element array and prints the count and sum of the elements.
 */
public final class LargeExplodeProbe {
    static final int ELEMENTS = 1_000_000;

    private LargeExplodeProbe() {
    }

    public static void main(String[] args) {
        SluiceSession spark = Sluice.builder().master("local[1]").getOrCreate();
        List<Long> values = new ArrayList<>(ELEMENTS);
        for (long i = 1; i <= ELEMENTS; i++) {
            values.add(i);
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("values", DataTypes.createArrayType(DataTypes.LongType));
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(7L, values)), schema);
        values = null; // the row holds the only copy from here on
        Row result = df.select(col("id"), explode(col("values")).alias("v"))
                .agg(count("v"), sum("v"), sum("id")).collectAsList().get(0);
        System.out.println("RESULT " + result.getLong(0) + " " + result.getLong(1) + " " + result.getLong(2));
    }
}
