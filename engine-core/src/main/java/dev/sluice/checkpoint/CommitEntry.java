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
        try {
            JsonNode node = CheckpointJson.reader().readTree(text);
            if (node == null || !node.has("nextBatchWatermarkMs")) {
                throw CheckpointFile.corrupted(file, "it has no nextBatchWatermarkMs");
            }
            return new CommitEntry(node.get("nextBatchWatermarkMs").asLong());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CheckpointFile.corrupted(file, "it is not JSON");
        }
    }
}
