package dev.sluice.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * The entry of {@code commits/<batchId>}: the batch is fully done (sink written, state committed), and the
 * watermark the next batch starts from, as Spark's {@code CommitMetadata}. Immutable.
 */
public record CommitEntry(long nextBatchWatermarkMs) {
    public String serialize() {
        return "{\"nextBatchWatermarkMs\":" + nextBatchWatermarkMs + "}";
    }

    public static CommitEntry parse(Path file, String text) {
        JsonNode node = CheckpointJson.readTree(file, text, "it is not JSON");
        if (node == null || !node.has("nextBatchWatermarkMs")) {
            throw CheckpointFile.corrupted(file, "it has no nextBatchWatermarkMs");
        }
        return new CommitEntry(node.get("nextBatchWatermarkMs").asLong());
    }
}
