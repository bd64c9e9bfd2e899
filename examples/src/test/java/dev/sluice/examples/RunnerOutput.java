package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the examples runner into a string, and cuts its output into the pieces tests compare. */
final class RunnerOutput {
    private RunnerOutput() {
    }

    /** Runs {@code name} with {@code options}, expecting exit code 0; keeps a copy in target/ for reading. */
    static String run(String name, ExampleContext.Options options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code;
        try (ExampleContext context = new ExampleContext(out, options)) {
            code = ExamplesRunner.runCases(name, context);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        save(name, output);
        assertThat(code).as(output).isZero();
        return output;
    }

    static void save(String name, String output) throws IOException {
        Files.writeString(Path.of("target", "examples-" + name + ".out"), output);
    }

    /** The output of one case: from its {@code === name:} line to the next case's. */
    static String section(String all, String caseName) {
        int start = all.indexOf("=== " + caseName + ": ");
        assertThat(start).as("no section for " + caseName).isGreaterThanOrEqualTo(0);
        int end = all.indexOf("\n=== ", start);
        return end < 0 ? all.substring(start) : all.substring(start, end + 1);
    }

    /** The text from the line holding {@code from} to the line holding {@code to}. */
    static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        assertThat(start).as(from).isGreaterThanOrEqualTo(0);
        assertThat(end).as(to).isGreaterThan(start);
        return text.substring(start, end);
    }

    /** The data rows of the table printed under {@code Batch: n} in {@code text}. */
    static List<String> batchRows(String text, int n) {
        int start = text.indexOf("\nBatch: " + n + "\n");
        assertThat(start).as("Batch: " + n).isGreaterThanOrEqualTo(0);
        int end = text.indexOf("\n\n", start + 1);
        return tableRows(text.substring(start, end < 0 ? text.length() : end));
    }

    /** The trimmed cells of a table row, joined with commas: {@code "|  1|a b|"} gives {@code "1,a b"}. */
    static String cells(String row) {
        String[] parts = row.substring(1, row.length() - 1).split("\\|", -1);
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(sb.length() > 0 ? "," : "").append(p.trim());
        }
        return sb.toString();
    }

    /** The data rows of every {@code show()} table in {@code text}, in order (header rows left out). */
    static List<String> tableRows(String text) {
        List<String> lines = text.lines().toList();
        List<String> rows = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            boolean header = lines.get(i - 1).startsWith("+") && !lines.get(i - 2).startsWith("|");
            if (lines.get(i).startsWith("|") && !header) {
                rows.add(lines.get(i));
            }
        }
        return rows;
    }
}
