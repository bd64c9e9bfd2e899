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
}
