package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.ReadProgress;
import dev.sluice.ReadProgressListener;
import dev.sluice.monitor.ConsoleBar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batch reads over files tell the session's read progress listeners how they get on (and draw the console bar). */
class BatchReadProgressTest extends FileStreamTestSupport {
    @Test
    void listenersHearTheStartEachFileAndTheEndOfARead() throws Exception {
        Path in = dir.resolve("people");
        for (int i = 0; i < 5; i++) {
            drop(in.resolve("p" + i + ".json"), "{\"n\":" + i + "}\n", 1000L * i);
        }
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        Set<Long> ids = Collections.synchronizedSet(new HashSet<>());
        ReadProgressListener listener = new ReadProgressListener() {
            @Override
            public void onReadStarted(ReadProgress p) {
                ids.add(p.readId());
                heard.add(p.description() + " started " + p.filesDone() + "/" + p.filesTotal());
            }

            @Override
            public void onFileRead(ReadProgress p) {
                ids.add(p.readId());
                heard.add("file " + p.filesDone() + "/" + p.filesTotal());
            }

            @Override
            public void onReadEnded(ReadProgress p, Throwable failure) {
                ids.add(p.readId());
                heard.add("ended " + p.filesDone() + "/" + p.filesTotal() + " " + failure + " " + p.fraction());
            }
        };
        spark.sparkContext().addProgressListener(listener);
        try {
            assertThat(spark.read().json(in.toString()).count()).isEqualTo(5);
        } finally {
            spark.sparkContext().removeProgressListener(listener);
        }
        // local[2]: files are read on two threads, yet the listener hears the counts in order
        assertThat(heard).containsExactly("read json started 0/5", "file 1/5", "file 2/5", "file 3/5", "file 4/5",
                "file 5/5", "ended 5/5 null 1.0");
        assertThat(ids).hasSize(1);
    }

    @Test
    void aReadOfManyFilesIsStreamedAWindowAheadNotGatheredFirst() throws Exception {
        Path in = dir.resolve("many");
        int files = 40;
        for (int i = 0; i < files; i++) {
            drop(in.resolve(String.format("p%02d.json", i)), "{\"n\":" + i + "}\n", 1000L * i);
        }
        java.util.concurrent.atomic.AtomicInteger filesRead = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger readAtFirstRow = new java.util.concurrent.atomic.AtomicInteger(-1);
        ReadProgressListener listener = new ReadProgressListener() {
            @Override
            public void onFileRead(ReadProgress p) {
                filesRead.incrementAndGet();
            }
        };
        spark.sparkContext().addProgressListener(listener);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            spark.read().schema("n BIGINT").json(in.toString()).foreach(row -> {
                readAtFirstRow.compareAndSet(-1, filesRead.get());
                seen.add(row.getLong(0));
            });
        } finally {
            spark.sparkContext().removeProgressListener(listener);
        }
        assertThat(seen).hasSize(files);
        // local[2]: at most 2 x 2 files are read ahead of the one whose rows flow, far from all 40
        assertThat(readAtFirstRow.get()).isBetween(1, 5);
    }

    @Test
    void aReadAbandonedByAFailingQueryStillEndsForItsListeners() throws Exception {
        Path in = dir.resolve("abandoned");
        for (int i = 0; i < 40; i++) {
            drop(in.resolve(String.format("p%02d.json", i)), "{\"n\":" + i + "}\n", 1000L * i);
        }
        List<String> ended = Collections.synchronizedList(new ArrayList<>());
        ReadProgressListener listener = new ReadProgressListener() {
            @Override
            public void onReadEnded(ReadProgress p, Throwable failure) {
                ended.add(p.filesDone() + "/" + p.filesTotal());
            }
        };
        spark.sparkContext().addProgressListener(listener);
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> spark.read().schema("n BIGINT").json(in.toString()).foreach(row -> {
                throw new IllegalStateException("the query fails at its first row");
            }));
        } finally {
            spark.sparkContext().removeProgressListener(listener);
        }
        assertThat(thrown).hasStackTraceContaining("the query fails at its first row");
        // the engine closed the read when it stopped pulling: told once, long before the 40th file
        assertThat(ended).hasSize(1);
        assertThat(Integer.parseInt(ended.get(0).split("/")[0])).isLessThan(40);
    }

    @Test
    void aFailedReadIsToldWithTheErrorItsCallerGets() throws Exception {
        Path in = dir.resolve("broken");
        drop(in.resolve("a.parquet"), "not parquet", 0);
        drop(in.resolve("b.parquet"), "not parquet either", 1000);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        ReadProgressListener listener = new ReadProgressListener() {
            @Override
            public void onReadEnded(ReadProgress p, Throwable failure) {
                failures.add(failure);
            }
        };
        spark.sparkContext().addProgressListener(listener);
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> spark.read().schema("n INT").parquet(in.toString()).count());
        } finally {
            spark.sparkContext().removeProgressListener(listener);
        }
        assertThat(thrown).isNotNull();
        assertThat(failures).singleElement().isSameAs(thrown);
    }

    @Test
    void theConsoleBarIsAListenerDrawingARealRead() throws Exception {
        Path in = dir.resolve("lines");
        for (int i = 0; i < 3; i++) {
            drop(in.resolve("l" + i + ".txt"), "line" + i + "\n", 1000L * i);
        }
        Files.createDirectories(in);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleBar bar = new ConsoleBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        spark.sparkContext().addProgressListener(bar);
        try {
            assertThat(spark.read().text(in.toString()).count()).isEqualTo(3);
        } finally {
            spark.sparkContext().removeProgressListener(bar);
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rread text [==========>                   ] 1/3 files  33%")
                .contains("\rread text [==============================] 3/3 files 100%").endsWith("\n");
    }
}
