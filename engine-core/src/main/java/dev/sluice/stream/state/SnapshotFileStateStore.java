package dev.sluice.stream.state;

import dev.sluice.batch.Chunk;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.ChunkCodec;
import dev.sluice.sql.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stores each version as one snapshot file {@code <version>.snapshot} in the operator partition's
 * checkpoint folder ({@code state/<operator>/<partition>/}), written atomically with a checksum.
 */
public final class SnapshotFileStateStore implements OperatorStateStore {
    private static final int VERSION = 1;
    private final Path dir;
    private final String operator;

    public SnapshotFileStateStore(Path dir, String operator) {
        this.dir = dir;
        this.operator = operator;
    }

    private Path file(long version) {
        return dir.resolve(version + ".snapshot");
    }

    @Override
    public Optional<Chunk> load(long version, List<DataType> types) {
        if (version == 0) {
            return Optional.empty();
        }
        Path file = file(version);
        if (!Files.exists(file)) {
            throw new CheckpointException("CORRUPTED_FILE", "State of operator " + operator + " at version " + version
                    + " is missing: " + file + " does not exist", null);
        }
        return Optional.of(ChunkCodec.decode(CheckpointFile.read(file, VERSION), types,
                "of operator " + operator + " in " + file));
    }

    @Override
    public void commit(long version, Chunk snapshot, List<DataType> types) {
        CheckpointFile.write(file(version), VERSION, ChunkCodec.encode(snapshot, types));
    }

    @Override
    public void purge(long minVersionToKeep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.matches("\\d+\\.snapshot") && Long.parseLong(name.substring(0, name.indexOf('.'))) < minVersionToKeep) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot purge state folder " + dir + ": " + e, e);
        }
    }
}
