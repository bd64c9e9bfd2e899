package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.connectors.support.Redaction;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords, given as an option or inside the URL, never show in plans, options, errors or progress. */
class JdbcRedactionTest extends JdbcTestSupport {
    private static final String URL_SECRET = "UrlSecret-42";

    @TempDir
    Path dir;

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void urlsAndOptionsAreRedacted() {
        assertThat(Redaction.redactUrl("jdbc:mariadb://h/db?user=a&password=" + URL_SECRET + "&x=1"))
                .isEqualTo("jdbc:mariadb://h/db?user=a&password=" + Redaction.REDACTED + "&x=1");
        assertThat(Redaction.redactUrl("jdbc:mysql://bob:" + URL_SECRET + "@h:3306/db"))
                .isEqualTo("jdbc:mysql://bob:" + Redaction.REDACTED + "@h:3306/db");
        assertThat(Redaction.redactUrl("jdbc:sqlserver://h;user=a;password=" + URL_SECRET + ";db=x"))
                .doesNotContain(URL_SECRET);
        JdbcOptions options = new JdbcOptions(Map.of("url", url() + "?password=" + URL_SECRET, "dbtable", "t",
                "password", PASSWORD, "user", USER));
        assertThat(options.toString()).doesNotContain(PASSWORD).doesNotContain(URL_SECRET).contains(Redaction.REDACTED);
    }

    @Test
    void everyUrlCredentialFormIsRedacted() {
        assertThat(Redaction.redactUrl("jdbc:oracle:thin:scott/" + URL_SECRET + "@//db.example:1521/orcl"))
                .isEqualTo("jdbc:oracle:thin:scott/" + Redaction.REDACTED + "@//db.example:1521/orcl");
        assertThat(Redaction.redactUrl("jdbc:mariadb://u:" + URL_SECRET + "@127.0.0.1:1/db"))
                .isEqualTo("jdbc:mariadb://u:" + Redaction.REDACTED + "@127.0.0.1:1/db");
        assertThat(Redaction.redactUrl("jdbc:postgresql://h/db?user=a&pwd=" + URL_SECRET))
                .isEqualTo("jdbc:postgresql://h/db?user=a&pwd=" + Redaction.REDACTED);
        assertThat(Redaction.redactUrl("jdbc:mariadb://h:3306/db/x?user=a")).isEqualTo("jdbc:mariadb://h:3306/db/x?user=a");
        assertThat(Redaction.urlSecrets("jdbc:oracle:thin:scott/s1@//h:1/x?password=s2;pwd=s3"))
                .containsExactlyInAnyOrder("s1", "s2", "s3");
        assertThat(Redaction.urlSecrets("jdbc:mariadb://u:s4@h/db")).containsExactly("s4");
        // A driver quoting a URL fragment in its own words: the URL's secrets are scrubbed wherever they appear.
        assertThat(Redaction.scrub("Incorrect port value : " + URL_SECRET + "@127.0.0.1",
                Redaction.urlSecrets("jdbc:mariadb://u:" + URL_SECRET + "@127.0.0.1:1/db")))
                .isEqualTo("Incorrect port value : " + Redaction.REDACTED + "@127.0.0.1");
    }

    @Test
    void driverMessagesQuotingTheUrlNeverCarryItsPassword() {
        // The real MariaDB driver reads "u:<pw>@127.0.0.1:1" as host and port and quotes the password back.
        Throwable mariadb = catchThrowable(() -> spark.read().format("jdbc")
                .option("url", "jdbc:mariadb://u:" + URL_SECRET + "@127.0.0.1:1/db?connectTimeout=2000")
                .option("dbtable", "t").load());
        assertThat(mariadb).isInstanceOfSatisfying(dev.sluice.sql.SluiceException.class,
                e -> assertThat(e.getCondition()).isEqualTo("FAILED_JDBC.CONNECT"))
                .hasMessageContaining("Could not connect to jdbc:mariadb://u:" + Redaction.REDACTED + "@127.0.0.1:1/db");
        assertThat(stackTrace(mariadb)).doesNotContain(URL_SECRET);

        // No Oracle driver here: DriverManager's "No suitable driver found for <url>" quotes the whole URL.
        Throwable oracle = catchThrowable(() -> spark.read().format("jdbc")
                .option("url", "jdbc:oracle:thin:scott/" + URL_SECRET + "@//127.0.0.1:1/orcl")
                .option("dbtable", "t").load());
        assertThat(oracle).isInstanceOfSatisfying(dev.sluice.sql.SluiceException.class,
                e -> assertThat(e.getCondition()).isEqualTo("FAILED_JDBC.CONNECT"))
                .hasMessageContaining("Could not connect to jdbc:oracle:thin:scott/" + Redaction.REDACTED + "@//");
        assertThat(stackTrace(oracle)).doesNotContain(URL_SECRET);

        // The live server, with the password as a URL parameter and a wrong one as an option.
        Throwable denied = catchThrowable(() -> spark.read().format("jdbc")
                .option("url", url() + "?user=" + USER + "&password=" + URL_SECRET).option("dbtable", "t").load());
        assertThat(denied).isInstanceOfSatisfying(dev.sluice.sql.SluiceException.class,
                e -> assertThat(e.getCondition()).startsWith("FAILED_JDBC."));
        assertThat(stackTrace(denied)).doesNotContain(URL_SECRET);
    }

    @Test
    void plansNeverShowThePassword() {
        String t = table("plan");
        execute("CREATE TABLE " + t + " (id INT)");
        Dataset<Row> df = spark.read().format("jdbc").option("url", url() + "?password=" + URL_SECRET)
                .option("dbtable", t).option("user", USER).option("password", PASSWORD).load()
                .filter("id > 1");
        String text = df.explainString(true) + df.logicalPlan() + df;
        assertThat(text).contains(t).doesNotContain(PASSWORD).doesNotContain(URL_SECRET);
    }

    @Test
    void errorsNeverCarryThePassword() {
        // MariaDB quotes the statement near a syntax error: the password would be in its message
        String t = table("init");
        execute("CREATE TABLE " + t + " (id INT)");
        Throwable e = catchThrowable(() -> reader().option("dbtable", t)
                .option("sessionInitStatement", "SELEC '" + PASSWORD + "'").load().count());
        assertThat(e).hasMessageContaining("sessionInitStatement").hasMessageContaining("near");
        assertThat(stackTrace(e)).doesNotContain(PASSWORD).contains(Redaction.REDACTED);

        Throwable refused = catchThrowable(() -> spark.read().format("jdbc")
                .option("url", "jdbc:mariadb://127.0.0.1:1/db?connectTimeout=2000&password=" + URL_SECRET)
                .option("dbtable", "t").option("password", PASSWORD).load());
        assertThat(refused).hasMessageContaining("Could not connect to jdbc:mariadb://127.0.0.1:1/db")
                .hasMessageContaining("for table t");
        assertThat(stackTrace(refused)).doesNotContain(PASSWORD).doesNotContain(URL_SECRET);
    }

    @Test
    void streamingProgressNeverShowsThePassword() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("a.json"), "{\"id\":1}\n");
        String t = table("progress");
        StreamingQuery q = spark.readStream().format("json").schema("id INT").load(input.toString()).writeStream()
                .format("jdbc").option("url", url() + "?password=" + URL_SECRET).option("dbtable", t)
                .option("user", USER).option("password", PASSWORD)
                .option("checkpointLocation", dir.resolve("cp").toString()).start();
        q.processAllAvailable();
        StringBuilder all = new StringBuilder();
        for (StreamingQueryProgress p : q.recentProgress()) {
            all.append(p.json());
        }
        assertThat(all.toString()).contains("JdbcSink[table=" + t).doesNotContain(PASSWORD).doesNotContain(URL_SECRET);
        assertThat(query("SELECT id FROM " + t)).hasSize(1);
        q.stop();
    }
}
