package dev.sluice.checkpoint;

import dev.sluice.sql.SluiceException;

/**
 * A checkpoint cannot be used: a file is corrupted, truncated or of an unknown version, or the folder is
 * inconsistent (e.g. offset logs without {@code metadata}). The message names the file or folder.
 * Conditions: {@code SLUICE_CHECKPOINT.CORRUPTED_FILE}, {@code SLUICE_CHECKPOINT.UNSUPPORTED_VERSION},
 * {@code SLUICE_CHECKPOINT.MISSING_METADATA}, {@code SLUICE_CHECKPOINT.IO_ERROR},
 * {@code SLUICE_CHECKPOINT.UNSUPPORTED_LOCATION}, {@code SLUICE_CHECKPOINT.INCOMPATIBLE_STATE},
 * {@code SLUICE_CHECKPOINT.SOURCE_CHANGED} (a source of another kind than the checkpoint recorded). Immutable;
 * thrown from the thread that read or wrote.
 */
public class CheckpointException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String subCondition, String message, Throwable cause) {
        super("SLUICE_CHECKPOINT." + subCondition, message, null, cause);
    }
}
