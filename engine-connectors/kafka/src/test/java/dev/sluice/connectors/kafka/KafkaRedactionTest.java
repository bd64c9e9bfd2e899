package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.support.Redaction;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.stream.MicroBatchExecution;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets given as kafka.* options never show in progress, explain() or errors. */
class KafkaRedactionTest extends KafkaTestSupport {
    private static final String SECRET = "s3cr3t-Pa55";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"u\" password=\"" + SECRET + "\";";

    @Test
    void secretsStayOutOfProgressExplainAndErrors() throws Exception {
        String in = topic("secret-in", 1);
        String out = topic("secret-out", 1);
        send(in, 0, "a");
        StreamingQuery q = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("kafka.sasl.jaas.config", JAAS).option("kafka.ssl.truststore.password", SECRET)
                .option("subscribe", in).option("startingOffsets", "earliest").load()
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("kafka.sasl.jaas.config", JAAS).option("topic", out).start();
        q.processAllAvailable();
        assertThat(readAll(out, false)).hasSize(1);
        String progress = Arrays.toString(Arrays.stream(q.recentProgress()).map(p -> p.json()).toArray());
        assertThat(progress).doesNotContain(SECRET).contains("KafkaV2[Subscribe[" + in + "]]");
        assertThat(((MicroBatchExecution) q).explainString(true)).doesNotContain(SECRET);

        assertThatThrownBy(() -> spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("kafka.sasl.jaas.config", JAAS).option("subscribe", in).option("startingOffsets", "nope")
                .load()).satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void optionDescriptionsHideSecretValues() {
        Map<String, String> options = Map.of("kafka.bootstrap.servers", servers(), "kafka.sasl.jaas.config", JAAS,
                "kafka.ssl.key.password", SECRET, "subscribe", "t");
        String text = KafkaSourceOptions.forStream(options).toString();
        assertThat(text).doesNotContain(SECRET).contains(Redaction.REDACTED).contains(servers());
        assertThat(Redaction.isSecret("sasl.jaas.config")).isTrue();
        assertThat(Redaction.isSecret("ssl.keystore.password")).isTrue();
        assertThat(Redaction.isSecret("bootstrap.servers")).isFalse();
    }
}
