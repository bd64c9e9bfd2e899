package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text of a console progress bar (the bar over real file backlogs: AvailableNowProgressTest, connectors). */
class ConsoleProgressTest {
    @Test
    void rateAndEtaFollowTheFilesDoneSoFar() {
        // 50 files in 10 s: 5 files/s, 150 left: 30 s
        assertThat(ConsoleProgress.line("q", new FileBacklog(50, 200), 10))
                .isEqualTo("q [========>                     ] 50/200 files  25%  5.0 files/s  ETA 0:30");
    }

    @Test
    void longEtasShowHoursAndAnUnknownRateShowsNoEta() {
        assertThat(ConsoleProgress.line("q", new FileBacklog(1, 10_000), 1)).endsWith("1.0 files/s  ETA 2:46:39");
        assertThat(ConsoleProgress.line("q", new FileBacklog(0, 3), 0)).endsWith("0/3 files   0%  0.0 files/s  ETA ?");
    }

    @Test
    void aFileBarDrawsTheFirstAndLastFileAndEndsItsLine() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ConsoleBar bar = new ConsoleBar(new java.io.PrintStream(bytes, true,
                java.nio.charset.StandardCharsets.UTF_8), "read json", 3)) {
            bar.fileDone();
            bar.fileDone();
            bar.fileDone();
        }
        String drawn = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        // the second file may fall within 100 ms of the first and not be drawn: the first and the last always are
        assertThat(drawn).startsWith("\rread json [==========>                   ] 1/3 files  33%")
                .contains("\rread json [==============================] 3/3 files 100%").endsWith("\n");
    }

    @Test
    void noBarWithoutATerminal() {
        // surefire's forked JVM has no terminal, so even with the setting on nothing may be drawn
        assertThat(System.console()).isNull();
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        var session = dev.sluice.sql.Sluice.builder().master("local[1]").getOrCreate();
        session.conf().set(ConsoleProgressPlugin.SHOW_CONSOLE_PROGRESS, "true");
        try (ConsoleBar bar = ConsoleBar.forSession(session, "read", 5)) {
            bar.fileDone();
        } finally {
            System.setErr(stderr);
            session.conf().unset(ConsoleProgressPlugin.SHOW_CONSOLE_PROGRESS);
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }
}
