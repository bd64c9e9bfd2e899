package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a streaming query is doing right now, as Spark's {@code StreamingQueryStatus}: a message such as
 * {@code "Waiting for data to arrive"}, whether new data was found by the last trigger, and whether a
 * trigger is running. Immutable snapshot.
 */
public final class StreamingQueryStatus extends ProgressDocument {
    private final String message;
    private final boolean isDataAvailable;
    private final boolean isTriggerActive;

    public StreamingQueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {
        this.message = message;
        this.isDataAvailable = isDataAvailable;
        this.isTriggerActive = isTriggerActive;
    }

    public String message() {
        return message;
    }

    public boolean isDataAvailable() {
        return isDataAvailable;
    }

    public boolean isTriggerActive() {
        return isTriggerActive;
    }

    @Override
    ObjectNode jsonValue() {
        ObjectNode node = ProgressJson.object();
        node.put("message", message);
        node.put("isDataAvailable", isDataAvailable);
        node.put("isTriggerActive", isTriggerActive);
        return node;
    }
}
