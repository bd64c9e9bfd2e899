package dev.sluice.exec.tws;

import dev.sluice.sql.streaming.QueryInfo;
import java.util.UUID;

/** The {@link QueryInfo} of one batch. Immutable. */
public record QueryInfoImpl(UUID getQueryId, UUID getRunId, long getBatchId) implements QueryInfo {
    @Override
    public String toString() {
        return "QueryInfo(queryId=" + getQueryId + ", runId=" + getRunId + ", batchId=" + getBatchId + ")";
    }
}
