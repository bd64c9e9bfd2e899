package dev.sluice.connectors.jdbc;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.from_json;
import static dev.sluice.sql.functions.to_timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaBrokerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial Case 8: logins from Kafka joined (stream-static) with the {@code usuarios} table read through jdbc,
 * and each known user's {@code ultimoLogin} upserted back into MariaDB by the streaming JDBC sink.
 */
@ExtendWith(KafkaBrokerExtension.class)
class JdbcTutorialCase8Test extends JdbcTestSupport {
    @TempDir
    Path dir;
    private EmbeddedKafka kafka;

    @BeforeEach
    void broker(EmbeddedKafka broker) {
        kafka = broker;
    }

    private void send(String topic, String... values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v)).get();
            }
        }
    }

    @Test
    void loginsJoinedWithUsuariosUpdateUltimoLogin() throws Exception {
        String usuarios = table("usuarios");
        execute("CREATE TABLE " + usuarios + " (id BIGINT UNSIGNED auto_increment NOT NULL, nombre varchar(100) NOT"
                + " NULL, ultimoLogin TIMESTAMP NOT NULL, CONSTRAINT usuarios_PK PRIMARY KEY (id)) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
                "INSERT INTO " + usuarios + " (id, nombre, ultimoLogin) VALUES (1, 'Aitor Medrano','2022-05-13"
                + " 13:36:58.0'), (2, 'Pedro Casas','2022-05-14 13:46:58.0'), (3, 'Laura García','2022-05-15"
                + " 13:56:58.0'), (4, 'Mª Josep Vidal','2022-05-16 14:06:58.0')");
        String topic = "usuariosk-" + System.nanoTime();
        kafka.createTopic(topic, 1);
        send(topic, "{\"login_id\": \"1\", \"login_time\": \"2022-05-17 12:15:00\"}",
                "{\"login_id\": \"3\", \"login_time\": \"2022-05-18 12:15:00\"}",
                "{\"login_id\": \"2\", \"login_time\": \"2022-05-19 12:15:00\"}",
                "{\"login_id\": \"5\", \"login_time\": \"2022-05-20 12:15:00\"}");

        StructType kafkaSchema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("login_id", DataTypes.StringType, true),
                DataTypes.createStructField("login_time", DataTypes.StringType, true)));
        Dataset<Row> kafkaDF = spark.readStream().format("kafka").option("kafka.bootstrap.servers",
                kafka.bootstrapServers()).option("subscribe", topic).option("startingOffsets", "earliest").load();
        Dataset<Row> valueDF = kafkaDF.select(from_json(col("value").cast("string"), kafkaSchema).alias("value"));
        Dataset<Row> loginDF = valueDF.select("value.*")
                .withColumn("login_time", to_timestamp(col("login_time"), "yyyy-MM-dd HH:mm:ss"));

        Dataset<Row> jdbcDF = spark.read().format("jdbc").option("driver", "org.mariadb.jdbc.Driver")
                .option("url", url()).option("dbtable", usuarios).option("user", USER).option("password", PASSWORD)
                .option("refreshEachBatch", "true").load();

        Dataset<Row> joinDF = loginDF.join(jdbcDF, loginDF.col("login_id").equalTo(jdbcDF.col("id")), "inner")
                .drop(loginDF.col("login_id"));
        assertThat(joinDF.schema().treeString()).isEqualTo("root\n"
                + " |-- login_time: timestamp (nullable = true)\n"
                + " |-- id: decimal(20,0) (nullable = true)\n"
                + " |-- nombre: string (nullable = true)\n"
                + " |-- ultimoLogin: timestamp (nullable = true)\n");
        Dataset<Row> resultadoDF = joinDF.select(col("id"), col("nombre"), col("login_time").alias("ultimoLogin"));

        StreamingQuery query = resultadoDF.writeStream().format("jdbc").outputMode("update")
                .option("url", url()).option("dbtable", usuarios).option("user", USER).option("password", PASSWORD)
                .option("keys", "id").option("checkpointLocation", dir.resolve("chk-point-dir").toString()).start();
        query.processAllAvailable();
        query.stop();

        assertThat(query("SELECT id, nombre, ultimoLogin FROM " + usuarios + " ORDER BY id")).containsExactly(
                List.of("1", "Aitor Medrano", "2022-05-17 12:15:00"),
                List.of("2", "Pedro Casas", "2022-05-19 12:15:00"),
                List.of("3", "Laura García", "2022-05-18 12:15:00"),
                List.of("4", "Mª Josep Vidal", "2022-05-16 14:06:58"));
    }
}
