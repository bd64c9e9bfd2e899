package dev.sluice.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.nexmark.NexmarkConfig;
import dev.sluice.nexmark.NexmarkGenerator;
import dev.sluice.nexmark.NexmarkQuery;
import dev.sluice.nexmark.NexmarkReference;
import dev.sluice.nexmark.NexmarkRows;
import dev.sluice.nexmark.SluiceNexmark;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Nexmark query at a small size on Sluice and on Spark in this JVM, over the same Parquet files: both outputs
 * must equal the plain-Java reference (count and digest). Built and run only with {@code -Pcompare}.
 */
class NexmarkDifferentialTest {
    private static final long EVENTS = 20_000;
    private static final NexmarkConfig CONFIG = NexmarkConfig.defaults().withSeed(9).withEventsPerSecond(200);
    private static final Path WORK = Path.of("nexmark-smoke-work").toAbsolutePath();
    private static Path input;
    private static NexmarkReference reference;
    private static SluiceSession sluice;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        NexmarkData.deleteTree(WORK);
        input = NexmarkData.ensure(WORK, CONFIG, EVENTS, 4, "parquet");
        reference = new NexmarkReference(new NexmarkGenerator(CONFIG), EVENTS);
        sluice = Sluice.builder().master("local[2]").appName("nexmark-differential")
                .config("spark.sql.shuffle.partitions", 2).config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        spark = SparkNexmark.session(WORK.toString());
    }

    @AfterAll
    static void stop() {
        sluice.stop();
        spark.stop();
    }

    @ParameterizedTest
    @EnumSource(NexmarkQuery.class)
    void bothEnginesMatchThePlainJavaReference(NexmarkQuery query) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NexmarkQuery.selectedForTests(query),
                "not among -Dnexmark.queries");
        String expected = reference.expected(query).toString();
        String onSluice = SluiceNexmark.run(sluice, sluice.readStream().schema(NexmarkRows.DDL)
                .option("maxFilesPerTrigger", 1).parquet(input.toString()), query,
                WORK.resolve("cp-sluice-" + query.id()).toString()).digest().toString();
        String onSpark = SparkNexmark.run(spark, spark.readStream().schema(NexmarkRows.DDL)
                .option("maxFilesPerTrigger", 1).parquet(input.toString()), query,
                WORK.resolve("cp-spark-" + query.id()).toString()).digest().toString();
        assertThat(onSluice).as("Sluice, " + query.sql()).isEqualTo(expected);
        assertThat(onSpark).as("Spark, " + query.sql()).isEqualTo(expected);
    }
}
