package dev.sluice.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ReadProgress;
import dev.sluice.ReadProgressListener;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a session's read progress listeners hear (real reads over files: BatchReadProgressTest, connectors). */
class ReadTrackerTest {
    @Test
    void internalListenersHearFirstAndAThrowingListenerStopsNoOne() {
        SluiceSession session = Sluice.builder().master("local[1]").getOrCreate();
        List<String> heard = new ArrayList<>();
        ReadProgressListener app = recorder("app", heard);
        ReadProgressListener broken = new ReadProgressListener() {
            @Override
            public void onFileRead(ReadProgress p) {
                throw new IllegalStateException("listener bug");
            }
        };
        session.sparkContext().addProgressListener(broken);
        session.sparkContext().addProgressListener(app);
        try {
            ReadTracker tracker = ReadTracker.start(session, "read test", 2);
            tracker.fileDone();
            tracker.fileDone();
            tracker.close();
            tracker.close(); // ends once
        } finally {
            session.sparkContext().removeProgressListener(broken);
            session.sparkContext().removeProgressListener(app);
        }
        assertThat(heard).containsExactly("app started 0/2", "app file 1/2", "app file 2/2", "app ended 2/2 ok");
    }

    @Test
    void aFailureIsToldWhenTheReadEnds() {
        SluiceSession session = Sluice.builder().master("local[1]").getOrCreate();
        List<String> heard = new ArrayList<>();
        ReadProgressListener app = recorder("app", heard);
        session.sparkContext().addProgressListener(app);
        try (ReadTracker tracker = ReadTracker.start(session, "read test", 3)) {
            tracker.fileDone();
            tracker.failed(new IllegalArgumentException("bad file"));
        } finally {
            session.sparkContext().removeProgressListener(app);
        }
        assertThat(heard).containsExactly("app started 0/3", "app file 1/3", "app ended 1/3 bad file");
    }

    static ReadProgressListener recorder(String name, List<String> heard) {
        return new ReadProgressListener() {
            @Override
            public void onReadStarted(ReadProgress p) {
                heard.add(name + " started " + p.filesDone() + "/" + p.filesTotal());
            }

            @Override
            public void onFileRead(ReadProgress p) {
                heard.add(name + " file " + p.filesDone() + "/" + p.filesTotal());
            }

            @Override
            public void onReadEnded(ReadProgress p, Throwable failure) {
                heard.add(name + " ended " + p.filesDone() + "/" + p.filesTotal() + " "
                        + (failure == null ? "ok" : failure.getMessage()));
            }
        };
    }
}
