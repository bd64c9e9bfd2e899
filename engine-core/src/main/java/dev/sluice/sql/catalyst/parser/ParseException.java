package dev.sluice.sql.catalyst.parser;

import dev.sluice.sql.AnalysisException;
import java.util.function.Supplier;

/**
 * Malformed SQL text given to the public API ({@code expr}, {@code selectExpr}, {@code filter(String)},
 * {@code sql}, {@code StructType.fromDDL}, ...): a syntax error with its line and position, or input nested
 * too deeply to parse ({@code FAILED_TO_PARSE_TOO_COMPLEX}). Mirrors Spark's class of the same name, an
 * {@link AnalysisException}, so that callers catch one Sluice exception type for every bad query.
 * Immutable and thread-safe.
 */
public class ParseException extends AnalysisException {
    private static final long serialVersionUID = 1L;
    private final String message;
    private final int line;
    private final int column;

    private ParseException(String condition, String message, String sqlState, int line, int column,
            Throwable cause) {
        super(condition, message, sqlState, cause);
        this.message = message;
        this.line = line;
        this.column = column;
    }

    /** The parser's error, with its message ({@code [PARSE_SYNTAX_ERROR] ... (line 1, pos 7)}) unchanged. */
    public static ParseException of(dev.sluice.sqllite.ParseException cause) {
        return new ParseException(cause.getCondition(), cause.getMessage(), cause.getSqlState(), cause.line(),
                cause.column(), cause);
    }

    /** Spark's {@code FAILED_TO_PARSE_TOO_COMPLEX} (SQLSTATE 54001), for input nested beyond the stack. */
    public static ParseException tooComplex(StackOverflowError cause) {
        String text = "The statement, including potential SQL functions and referenced views, was too complex to"
                + " parse.\nTo mitigate this error divide the statement into multiple, less complex chunks.";
        return new ParseException("FAILED_TO_PARSE_TOO_COMPLEX", "[FAILED_TO_PARSE_TOO_COMPLEX] " + text
                + " SQLSTATE: 54001", "54001", 0, 0, cause);
    }

    /**
     * Runs a parse (and its conversion to expressions) and turns the parser's exception and a stack overflow
     * on deeply nested input into this class.
     */
    public static <T> T parsing(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (dev.sluice.sqllite.ParseException e) {
            throw of(e);
        } catch (StackOverflowError e) {
            throw tooComplex(e);
        }
    }

    /** The whole message, as the parser wrote it (condition, text, SQLSTATE and position). */
    @Override
    public String getMessage() {
        return message;
    }

    /** The 1-based line of the offending token (0 when the input was too complex to parse). */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending token (0 when the input was too complex to parse). */
    public int column() {
        return column;
    }
}
