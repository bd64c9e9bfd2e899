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
