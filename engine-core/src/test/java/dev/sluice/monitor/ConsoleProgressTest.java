package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text of a console progress bar (the bar over real file backlogs: AvailableNowProgressTest, connectors). */
class ConsoleProgressTest {
    @Test
    void rateAndEtaFollowTheFilesDoneSoFar() {
        // 50 files in 10 s: 5 files/s, 150 left: 30 s
        assertThat(ConsoleProgress.line("q", new Backlog(50, 200, "files"), 10))
                .isEqualTo("q [========>                     ] 50/200 files  25%  5.0 files/s  ETA 0:30");
    }

    @Test
    void longEtasShowHoursAndAnUnknownRateShowsNoEta() {
        assertThat(ConsoleProgress.line("q", new Backlog(1, 10_000, "files"), 1)).endsWith("1.0 files/s  ETA 2:46:39");
        assertThat(ConsoleProgress.line("q", new Backlog(0, 3, "files"), 0)).endsWith("0/3 files   0%  0.0 files/s  ETA ?");
    }

    @Test
    void kafkaRunsCountOffsets() {
        // 3000 of 12000 offsets in 2 s: 1500 offsets/s, 9000 left: 6 s
        assertThat(ConsoleProgress.line("topic", new Backlog(3000, 12_000, "offsets"), 2)).isEqualTo(
                "topic [========>                     ] 3000/12000 offsets  25%  1500.0 offsets/s  ETA 0:06");
    }

    @Test
    void aFileBarDrawsTheFirstAndLastFileAndEndsItsLine() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ConsoleBar bar = new ConsoleBar(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        java.time.Duration t = java.time.Duration.ofSeconds(1);
        bar.onReadStarted(new dev.sluice.ReadProgress(7, "read json", 0, 3, java.time.Duration.ZERO));
        bar.onFileRead(new dev.sluice.ReadProgress(7, "read json", 1, 3, t));
        bar.onFileRead(new dev.sluice.ReadProgress(7, "read json", 2, 3, t));
        bar.onFileRead(new dev.sluice.ReadProgress(7, "read json", 3, 3, t));
        bar.onReadEnded(new dev.sluice.ReadProgress(7, "read json", 3, 3, t), null);
        String drawn = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        // the second file comes within 100 ms of the first and is not drawn: the first and the last always are
        assertThat(drawn).isEqualTo("\rread json [==========>                   ] 1/3 files  33%  1.0 files/s  ETA 0:02"
                + "\rread json [==============================] 3/3 files 100%  3.0 files/s  ETA 0:00\n");
    }

    @Test
    void aReadOfOneFileDrawsNothing() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ConsoleBar bar = new ConsoleBar(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        bar.onFileRead(new dev.sluice.ReadProgress(8, "read csv", 1, 1, java.time.Duration.ofSeconds(1)));
        bar.onReadEnded(new dev.sluice.ReadProgress(8, "read csv", 1, 1, java.time.Duration.ofSeconds(1)), null);
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void noBarWithoutATerminal() {
        // surefire's forked JVM has no terminal, so even with the setting on no bar is registered
        assertThat(System.console()).isNull();
        dev.sluice.sql.SluiceSession.getActiveSession().ifPresent(dev.sluice.sql.SluiceSession::stop);
        var session = dev.sluice.sql.Sluice.builder().master("local[1]")
                .config(ConsoleProgressPlugin.SHOW_CONSOLE_PROGRESS, "true").getOrCreate();
        try {
            assertThat(session.sparkContext().progressListeners()).isEmpty();
        } finally {
            session.stop();
        }
    }
}
