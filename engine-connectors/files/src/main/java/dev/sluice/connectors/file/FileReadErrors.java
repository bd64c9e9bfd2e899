package dev.sluice.connectors.file;

import dev.sluice.sql.SluiceException;
import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.NoSuchFileException;

/**
 * Spark's {@code FAILED_READ_FILE.*} errors (SQLSTATE KD001) for a file that cannot be read, each naming the
 * file, and the tests that decide whether {@code ignoreCorruptFiles} / {@code ignoreMissingFiles} apply.
 * Stateless and thread-safe.
 */
public final class FileReadErrors {
    private FileReadErrors() {
    }

    /** {@code FAILED_READ_FILE.NO_HINT}: the file is damaged or not in the format (e.g. a truncated Parquet file). */
    public static SluiceException failed(String path, Throwable cause) {
        // Spark appends the (empty) NO_HINT text after a space: "...file <path>. " then " SQLSTATE".
        return new SluiceException("FAILED_READ_FILE.NO_HINT", "Encountered error while reading file " + path
                + ". ", "KD001", cause);
    }

    /** {@code FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER}: a Parquet footer that cannot be read (schema inference). */
    public static SluiceException footer(String path, Throwable cause) {
        return new SluiceException("FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER", "Encountered error while reading file "
                + path + ". Could not read footer. Please ensure that the file is in either ORC or Parquet format.\n"
                + "If not, please convert it to a valid format. If the file is in the valid format, please check if"
                + " it is corrupt.\nIf it is, you can choose to either ignore it or fix the corruption.", "KD001", cause);
    }

    /** {@code FAILED_READ_FILE.FILE_NOT_EXIST}: listed (or logged) but gone when read. */
    public static SluiceException missing(String path, Throwable cause) {
        return new SluiceException("FAILED_READ_FILE.FILE_NOT_EXIST", "Encountered error while reading file " + path
                + ". File does not exist. It is possible the underlying files have been updated.\nYou can explicitly"
                + " invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL or by"
                + " recreating the Dataset/DataFrame involved.", "KD001", cause);
    }

    /** Whether {@code e} says the file does not exist (anywhere in its causes). */
    public static boolean isMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} is the read being interrupted (a query stopping), which is never skipped nor wrapped. */
    public static boolean isInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
