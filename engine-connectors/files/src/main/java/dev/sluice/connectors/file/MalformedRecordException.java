package dev.sluice.connectors.file;

import dev.sluice.sql.SluiceException;

/**
 * Thrown by readers in FAILFAST mode at the first malformed record, with Spark's error class
 * {@code MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION}; the message names the record, the file and the
 * (1-based) line where the record starts.
 */
public final class MalformedRecordException extends SluiceException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_RECORD_CHARS = 200;

    private final String source;
    private final long line;

    public MalformedRecordException(String source, long line, CharSequence record, Throwable cause) {
        super("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are detected in record parsing: "
                + shorten(record) + " in file " + source + ", line " + line + ". Parse Mode: FAILFAST. To process"
                + " malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.", "22023", cause);
        this.source = source;
        this.line = line;
    }

    private static String shorten(CharSequence record) {
        String text = record.toString();
        return text.length() <= MAX_RECORD_CHARS ? text : text.substring(0, MAX_RECORD_CHARS) + "...";
    }

    /** The file (or stream name) holding the record. */
    public String source() {
        return source;
    }

    /** The 1-based line where the malformed record starts. */
    public long line() {
        return line;
    }
}
