package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs README's quick-start program on its sample folder: the counts per page and minute, computed by hand. */
class QuickStartTest {
    @Test
    void countsClicksPerPageAndMinute() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[] {"data"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        // data/clicks-1.json and clicks-2.json: 10:00 home x2 + cart, 10:01 home + cart x2, 10:02 home
        for (String row : List.of(
                "|{2026-03-01 10:00:00, 2026-03-01 10:01:00}|home|2    |",
                "|{2026-03-01 10:00:00, 2026-03-01 10:01:00}|cart|1    |",
                "|{2026-03-01 10:01:00, 2026-03-01 10:02:00}|home|1    |",
                "|{2026-03-01 10:01:00, 2026-03-01 10:02:00}|cart|2    |",
                "|{2026-03-01 10:02:00, 2026-03-01 10:03:00}|home|1    |")) {
            assertTrue(out.contains(row), () -> "missing " + row + " in:\n" + out);
        }
    }
}
