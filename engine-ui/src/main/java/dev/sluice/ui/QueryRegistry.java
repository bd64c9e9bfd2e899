package dev.sluice.ui;

import dev.sluice.monitor.QueryMBeans;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The runs of a session's queries the UI shows: every run started since the UI started, the terminated ones too
 * (at most {@value #KEPT_TERMINATED} of them, oldest dropped first), as Spark's UI lists active and completed runs.
 * Fed by listener events (an internal listener of the session). Thread-safe.
 */
final class QueryRegistry extends StreamingQueryListener {
    static final int KEPT_TERMINATED = 50;

    /** One run: its handle, when it started and ended, whether it reports metrics. */
    record Run(StreamingQuery query, String startedAt, long startedAtMs, String endedAt, boolean metricsEnabled) {
        Run ended(String timestamp) {
            return new Run(query, startedAt, startedAtMs, timestamp, metricsEnabled);
        }

        String status() {
            if (endedAt == null) {
                return "ACTIVE";
            }
            return query.exception().isEmpty() ? "FINISHED" : "FAILED";
        }
    }

    private final SluiceSession session;
    private final Map<UUID, Run> runs = new LinkedHashMap<>();

    QueryRegistry(SluiceSession session) {
        this.session = session;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        StreamingQuery query = session.streams().get(event.id());
        if (query == null || !query.runId().equals(event.runId())) {
            return; // already gone again: its terminated event will not find it either
        }
        synchronized (runs) {
            runs.put(event.runId(), new Run(query, event.timestamp(), System.currentTimeMillis(), null,
                    QueryMBeans.metricsEnabled(session)));
        }
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        // the charts read recentProgress from the handle: nothing to keep here
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        synchronized (runs) {
            Run run = runs.get(event.runId());
            if (run != null) {
                String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
                runs.put(event.runId(), run.ended(now));
            }
            List<UUID> ended = runs.entrySet().stream().filter(e -> e.getValue().endedAt() != null)
                    .map(Map.Entry::getKey).toList();
            for (int i = 0; i < ended.size() - KEPT_TERMINATED; i++) {
                runs.remove(ended.get(i));
            }
        }
    }

    /** Every run, newest start first. */
    List<Run> runs() {
        List<Run> out;
        synchronized (runs) {
            out = new ArrayList<>(runs.values());
        }
        out.sort(Comparator.comparingLong(Run::startedAtMs).reversed());
        return out;
    }

    /** The run with this run id, or the newest run of this query id. */
    Optional<Run> find(String id) {
        for (Run r : runs()) {
            if (r.query().runId().toString().equals(id) || r.query().id().toString().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
