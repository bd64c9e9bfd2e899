package dev.sluice.connectors.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.spi.ConnectorCheckpoints;
import dev.sluice.spi.SinkContext;
import dev.sluice.sql.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an exactly-once sink needs to know of its query's checkpoint: where it is (the same rule as
 * {@code DataStreamWriter}) and the query id in its {@code metadata} file, which survives restarts and
 * changes when the checkpoint is deleted, so it tells one query's batch ids from another's. Stateless.
 */
public final class SinkCheckpoint {
    private SinkCheckpoint() {
    }

    /**
     * The query's checkpoint folder when it can be known while the sink is created (option
     * {@code checkpointLocation}, or {@code spark.sql.streaming.checkpointLocation} plus a query name), else
     * null (a temporary checkpoint, which does not survive the query).
     */
    public static Path location(SinkContext context) {
        String location = context.option("checkpointLocation", null);
        java.util.Map<String, String> settings = context.session().conf().getAll();
        if (location != null) {
            return ConnectorCheckpoints.resolveLocation(location, settings);
        }
        String root = context.session().conf().get("spark.sql.streaming.checkpointLocation", null);
        if (root != null && context.queryName() != null) {
            return ConnectorCheckpoints.resolveLocation(root, context.queryName(), settings);
        }
        return null;
    }

    /**
     * The query id in {@code <checkpoint>/metadata}, which the engine writes before the first batch (so call
     * this from {@code addBatch}, not when the sink is created).
     *
     * @param errorClass the error class of the exception thrown when the id cannot be read
     * @throws SluiceException naming the metadata file when it is missing, unreadable or has no id
     */
    public static String queryId(Path checkpoint, String errorClass) {
        Path metadata = checkpoint.resolve("metadata");
        if (!Files.exists(metadata)) {
            throw new SluiceException(errorClass, "The exactly-once sink needs the query id in " + metadata
                    + ", which does not exist.", "55000", null);
        }
        try (JsonParser p = new JsonFactory().createParser(ConnectorCheckpoints.readText(metadata, 1))) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "id".equals(p.currentName())) {
                    p.nextToken();
                    return p.getText();
                }
            }
        } catch (IOException e) {
            throw new SluiceException(errorClass, "Cannot read the query id in " + metadata, "55000", e);
        }
        throw new SluiceException(errorClass, "No query id in " + metadata, "55000", null);
    }
}
