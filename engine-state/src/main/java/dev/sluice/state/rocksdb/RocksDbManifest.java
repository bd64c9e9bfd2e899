package dev.sluice.state.rocksdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.state.StateFiles;
import dev.sluice.state.StateStoreException;
import dev.sluice.state.StateStoreId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one committed RocksDB state version, stored as {@code <version>.rocksdb} (a {@link StateFiles}
 * file: version line and CRC-32): the shared SST files by local name → uploaded name, the metadata files copied
 * into {@code <version>.meta/}, the key count, and the CRC-32 of every file, recorded when it was uploaded and
 * checked when the version is restored. Manifests written before checksums have none; their files are used
 * unchecked. A mutable bean for Jackson, built and read by one provider at a time.
 */
public final class RocksDbManifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The manifest file's suffix: {@code <version>.rocksdb}. */
    static final String SUFFIX = ".rocksdb";

    public long numKeys;
    public Map<String, String> sstFiles = new LinkedHashMap<>();
    public List<String> metadataFiles = new ArrayList<>();
    /** CRC-32 of each uploaded SST file (by uploaded name); absent in manifests written before checksums. */
    public Map<String, Long> sstChecksums = new LinkedHashMap<>();
    /** CRC-32 of each metadata file (by name); absent in manifests written before checksums. */
    public Map<String, Long> metadataChecksums = new LinkedHashMap<>();

    /**
     * The manifest of {@code version} of store {@code id}.
     *
     * @throws StateStoreException naming the file when it does not exist or is damaged
     */
    static RocksDbManifest read(StateStoreId id, long version) throws IOException {
        Path file = id.directory().resolve(version + SUFFIX);
        if (!Files.exists(file)) {
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_MISSING_FILE", id + ": version "
                    + version + " is not available: " + dev.sluice.checkpoint.CheckpointFile.describe(file)
                    + " does not exist", null);
        }
        return JSON.readValue(StateFiles.read(file), RocksDbManifest.class);
    }

    byte[] toJson() throws JsonProcessingException {
        return JSON.writeValueAsBytes(this);
    }

    /**
     * Rebuilds a working copy in {@code dbDir} from the store folder {@code storeDir}: each file checked against
     * its recorded CRC-32 (so damage names the checkpoint's file, not a RocksDB error about the local copy), SSTs
     * hard-linked (copied where links are not possible), metadata files copied. Fills {@code uploaded} (local →
     * uploaded SST name) and {@code checksums} (uploaded name → CRC-32) for the next upload.
     *
     * @throws StateStoreException naming a missing or damaged file
     */
    void restore(Path storeDir, long version, Path dbDir, Map<String, String> uploaded, Map<String, Long> checksums)
            throws IOException {
        for (Map.Entry<String, String> sst : sstFiles.entrySet()) {
            Path source = storeDir.resolve("sst").resolve(sst.getValue());
            Long crc = sstChecksums.get(sst.getValue());
            if (crc != null) {
                StateFiles.verify(source, crc);
                checksums.put(sst.getValue(), crc);
            }
            linkOrCopy(source, dbDir.resolve(sst.getKey()));
            uploaded.put(sst.getKey(), sst.getValue());
        }
        Path metadataDir = storeDir.resolve(version + ".meta");
        for (String name : metadataFiles) {
            Path source = metadataDir.resolve(name);
            Long crc = metadataChecksums.get(name);
            if (crc != null) {
                StateFiles.verify(source, crc);
            } else if (!Files.exists(source)) {
                throw StateFiles.missing(source);
            }
            Files.copy(source, dbDir.resolve(name));
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        if (!Files.exists(source)) {
            throw StateFiles.missing(source);
        }
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException | java.nio.file.ProviderMismatchException e) {
            // another file system (a remote checkpoint) or no hard links: copy
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
