package dev.sluice.state;

import dev.sluice.sql.SluiceException;

/**
 * A state store could not load or commit a version: missing, truncated or corrupted files, or I/O
 * errors. The message names the operator, partition, version and file involved.
 */
public class StateStoreException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public StateStoreException(String condition, String message, Throwable cause) {
        super(condition, message, null, cause);
    }

    public StateStoreException(String message, Throwable cause) {
        this("STATE_STORE_FAILURE", message, cause);
    }
}
