package dev.sluice.examples;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.from_json;
import static dev.sluice.sql.functions.to_timestamp;

import dev.sluice.sql.Column;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import dev.sluice.sql.types.StructType;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Case 8 ("Join entre Kafka y MariaDB"): logins ({@code {"login_id", "login_time"}}) arrive on the Kafka topic
 * {@code usuariosk}; each micro-batch is joined with the MariaDB table {@code usuarios} read with
 * {@code read().format("jdbc")} (a stream-static inner join, so the unknown user 5 has no row), shown on the
 * console, and then written back with the JDBC sink as an upsert on {@code id}, which moves each user's
 * {@code ultimoLogin} to the login time.
 */
public final class KafkaJoinMariaDb implements TutorialCase {
    static final StructType KAFKA_SCHEMA = StructType.fromDDL("login_id STRING, login_time STRING");

    @Override
    public String name() {
        return "kafka-join-mariadb";
    }

    @Override
    public String description() {
        return "Case 8: Kafka logins joined with the MariaDB table usuarios, then ultimoLogin upserted back";
    }

    @Override
    public List<String> requiredFormats() {
        return List.of("jdbc");
    }

    /** The tutorial's logins: users 1, 3, 2 and the unknown user 5. */
    static List<String> logins() {
        return List.of(TutorialData.login("1", "2022-05-17 12:15:00"), TutorialData.login("3", "2022-05-18 12:15:00"),
                TutorialData.login("2", "2022-05-19 12:15:00"), TutorialData.login("5", "2022-05-20 12:15:00"));
    }

    /** (Re)creates the tutorial's {@code usuarios} table with its four users, over plain JDBC. */
    static void createUsuarios(ExampleContext context) throws SQLException {
        try (Connection c = DriverManager.getConnection(context.jdbcUrl(), context.jdbcUser(), context.jdbcPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS usuarios");
            s.execute(TutorialData.CREATE_USUARIOS);
            s.execute(TutorialData.INSERT_USUARIOS);
        }
    }

    /** Case 8's streaming side: the Kafka logins with {@code login_time} as a timestamp. */
    static Dataset<Row> loginDF(SluiceSession spark, String servers, String topic) {
        Dataset<Row> kafkaDF = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", servers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .load();
        Dataset<Row> valueDF = kafkaDF.select(from_json(col("value").cast("string"), KAFKA_SCHEMA).alias("value"));
        return valueDF.select("value.*")
                .withColumn("login_time", to_timestamp(col("login_time"), "yyyy-MM-dd HH:mm:ss"));
    }

    /** Case 8's static side: the table {@code usuarios}. */
    static Dataset<Row> jdbcDF(SluiceSession spark, ExampleContext context) {
        return spark.read()
                .format("jdbc")
                .option("url", context.jdbcUrl())
                .option("dbtable", "usuarios")
                .option("user", context.jdbcUser())
                .option("password", context.jdbcPassword())
                .load();
    }

    /** The stream-static inner join of the logins with {@code usuarios}, without {@code login_id}. */
    static Dataset<Row> joinDF(Dataset<Row> loginDF, Dataset<Row> jdbcDF) {
        Column joinExpr = loginDF.col("login_id").equalTo(jdbcDF.col("id"));
        String joinType = "inner";
        return loginDF.join(jdbcDF, joinExpr, joinType).drop(loginDF.col("login_id"));
    }

    /**
     * Runs the console query over what Kafka holds now, as one batch, from the same checkpoint each time: the
     * batch numbers then follow the productions (Batch: 0, Batch: 1) whatever the moment each record becomes
     * visible, where a continuously running query could split one production over two batches.
     */
    private static void runAvailableNow(Dataset<Row> resultadoDF, ExampleContext context) throws Exception {
        StreamingQuery queryWriter = resultadoDF.writeStream()
                .format("console")
                .outputMode("update")
                .option("checkpointLocation", context.folder("usuarios/chk-point-dir").toString())
                .trigger(Trigger.AvailableNow())
                .start();
        queryWriter.awaitTermination();
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        KafkaTopics kafka = context.kafka();
        String usuariosk = kafka.freshTopic("usuariosk");
        out.println("(re)creating the table usuarios with the tutorial's four users");
        createUsuarios(context);
        SluiceSession spark = Sluice.builder()
                .master("local[3]")
                .appName("s8a Kafka join MariaDB")
                .config("spark.streaming.stopGracefullyOnShutdown", "true")
                .config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        Dataset<Row> jdbcDF = jdbcDF(spark, context);
        out.println("usuarios before:");
        jdbcDF.orderBy("id").show();

        Dataset<Row> loginDF = loginDF(spark, kafka.bootstrapServers(), usuariosk);
        Dataset<Row> joinDF = joinDF(loginDF, jdbcDF);
        joinDF.printSchema();
        Dataset<Row> resultadoDF = joinDF.select(col("id"), col("nombre"), col("login_time"), col("ultimoLogin"));
        List<String> logins = logins();
        out.println("producing to " + usuariosk + ": " + logins.get(0));
        kafka.produce(usuariosk, logins.subList(0, 1));
        runAvailableNow(resultadoDF, context);
        out.println("producing to " + usuariosk + ": " + logins.subList(1, logins.size()));
        kafka.produce(usuariosk, logins.subList(1, logins.size()));
        runAvailableNow(resultadoDF, context);

        out.println("upsert of ultimoLogin into usuarios (JDBC sink, keys = id):");
        Dataset<Row> upsertDF = joinDF.select(col("id"), col("nombre"), col("login_time").alias("ultimoLogin"));
        upsertDF.printSchema();
        StreamingQuery upsertWriter = upsertDF.writeStream()
                .format("jdbc")
                .outputMode("update")
                .option("url", context.jdbcUrl())
                .option("dbtable", "usuarios")
                .option("user", context.jdbcUser())
                .option("password", context.jdbcPassword())
                .option("keys", "id")
                .option("checkpointLocation", context.folder("usuarios/chk-upsert").toString())
                .start();
        upsertWriter.processAllAvailable();
        context.followUntilStopped("producing a login of a random user", 2_000, round -> {
            kafka.produce(usuariosk, List.of(TutorialData.login(String.valueOf(1 + round % 5),
                    String.format("2022-06-%02d 09:%02d:00", 1 + round / 60 % 28, round % 60))));
            upsertWriter.processAllAvailable();
        });
        upsertWriter.stop();
        out.println("usuarios after:");
        jdbcDF(spark, context).orderBy("id").show();
    }
}
