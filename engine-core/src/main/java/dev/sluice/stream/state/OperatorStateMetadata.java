package dev.sluice.stream.state;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one stateful operator keeps in its state, recorded as {@code state/<operatorId>/_metadata} when the
 * operator first commits (Spark's operator metadata and state schema files in one): the operator's name
 * (Spark's: {@code stateStoreSave}, {@code dedupe}, ...), the layout of each of its stores' keys and values,
 * the version of the binary row encoding, the number of key-groups and the state store provider. A restart
 * compares the query's operators with these files before running anything ({@link StateSchemaCheck}).
 *
 * <p>File format: {@link CheckpointFile}'s version line and CRC-32 trailer around {@code name=value} lines
 * (schemas as DDL; one {@code store=} line starts each store), so a damaged file fails naming it. Plain text
 * rather than JSON keeps Jackson off a new query's start-up path. Immutable.
 *
 * @param operatorId      the operator's id in the plan (its state folder)
 * @param operatorName    the operator kind, as progress and Spark's state metadata name it
 * @param encodingVersion the version of {@link dev.sluice.state.RowCodec}'s layout the rows use
 * @param keyGroups       the key-groups of the state (0: a checkpoint from before key-groups)
 * @param provider        the state store provider ({@code spark.sql.streaming.stateStore.providerClass})
 * @param stores          the operator's stores (most operators: one, {@code default})
 * @param properties      Spark's {@code operatorProperties} JSON (transformWithState: time mode, output mode and
 *                        state variables), or null
 */
public record OperatorStateMetadata(long operatorId, String operatorName, int encodingVersion, int keyGroups,
                                    String provider, List<StoreSchema> stores, String properties) {
    /** The file's format version (the version line). */
    static final int FILE_VERSION = 1;
    /** The row encoding of {@link dev.sluice.state.RowCodec} this Sluice writes. */
    public static final int ENCODING_VERSION = 1;
    /** Spark's name of an operator's only store. */
    public static final String DEFAULT_STORE = "default";

    /**
     * The layout of one store: its name, and the schema of its keys and of its values.
     *
     * @param name        Spark's store name ({@code default}, or a join's {@code left-keyToNumValues}, ...)
     * @param keySchema   the key columns
     * @param valueSchema the value columns
     */
    public record StoreSchema(String name, StructType keySchema, StructType valueSchema) {
    }

    public OperatorStateMetadata {
        stores = List.copyOf(stores);
    }

    /** An operator without properties. */
    public OperatorStateMetadata(long operatorId, String operatorName, int encodingVersion, int keyGroups,
                                 String provider, List<StoreSchema> stores) {
        this(operatorId, operatorName, encodingVersion, keyGroups, provider, stores, null);
    }

    /** The store named {@code name}, if the operator has one. */
    public Optional<StoreSchema> store(String name) {
        return stores.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** {@code <checkpoint>/state/<operatorId>/_metadata}. */
    public static Path file(Path checkpointRoot, long operatorId) {
        return checkpointRoot.resolve("state").resolve(Long.toString(operatorId)).resolve("_metadata");
    }

    /** Writes this metadata atomically (durably when {@code fsync}). */
    public void write(Path checkpointRoot, boolean fsync) {
        StringBuilder text = new StringBuilder();
        text.append("operatorId=").append(operatorId).append('\n');
        text.append("operatorName=").append(escape(operatorName)).append('\n');
        text.append("encodingVersion=").append(encodingVersion).append('\n');
        text.append("keyGroups=").append(keyGroups).append('\n');
        text.append("provider=").append(escape(provider)).append('\n');
        if (properties != null) {
            text.append("operatorProperties=").append(escape(properties)).append('\n');
        }
        for (StoreSchema store : stores) {
            text.append("store=").append(escape(store.name())).append('\n');
            text.append("keySchema=").append(escape(store.keySchema().toDDL())).append('\n');
            text.append("valueSchema=").append(escape(store.valueSchema().toDDL())).append('\n');
        }
        CheckpointFile.write(file(checkpointRoot, operatorId), FILE_VERSION, text.toString(), fsync);
    }

    /**
     * The metadata of operator {@code operatorId}, or empty when it has none (a new query, or a checkpoint
     * written before operators recorded it).
     *
     * @throws CheckpointException naming the file when it is damaged
     */
    public static Optional<OperatorStateMetadata> read(Path checkpointRoot, long operatorId) {
        Path file = file(checkpointRoot, operatorId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file, CheckpointFile.readText(file, FILE_VERSION)));
    }

    /** The metadata of every operator of the checkpoint that has some, by operator id. */
    public static TreeMap<Long, OperatorStateMetadata> readAll(Path checkpointRoot) {
        TreeMap<Long, OperatorStateMetadata> out = new TreeMap<>();
        Path state = checkpointRoot.resolve("state");
        if (!Files.isDirectory(state)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(state)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.matches("[0-9]{1,18}")) {
                    read(checkpointRoot, Long.parseLong(name)).ifPresent(m -> out.put(m.operatorId(), m));
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot list the state folder " + state + ": " + e, e);
        }
        return out;
    }

    private static OperatorStateMetadata parse(Path file, String text) {
        try {
            TreeMap<String, String> head = new TreeMap<>();
            List<StoreSchema> stores = new ArrayList<>();
            String storeName = null;
            String keySchema = null;
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                int eq = line.indexOf('=');
                String key = line.substring(0, eq);
                String value = unescape(line.substring(eq + 1));
                switch (key) {
                    case "store" -> storeName = value;
                    case "keySchema" -> keySchema = value;
                    case "valueSchema" -> {
                        stores.add(new StoreSchema(storeName, schema(keySchema), schema(value)));
                        storeName = null;
                        keySchema = null;
                    }
                    default -> head.put(key, value);
                }
            }
            return new OperatorStateMetadata(Long.parseLong(head.get("operatorId")), head.get("operatorName"),
                    Integer.parseInt(head.get("encodingVersion")), Integer.parseInt(head.get("keyGroups")),
                    head.get("provider"), stores, head.get("operatorProperties"));
        } catch (RuntimeException e) {
            throw new CheckpointException("CORRUPTED_FILE", "Checkpoint file " + file + " is corrupted: it is not"
                    + " readable operator state metadata (" + e.getMessage() + "). Restore it from a backup, or delete"
                    + " it to have the next batch write it again without checking the state schema", e);
        }
    }

    /** One value per line: backslashes and line breaks (possible in quoted column names) are escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static StructType schema(String ddl) {
        return ddl.isEmpty() ? new StructType(List.of()) : StructType.fromDDL(ddl);
    }
}
