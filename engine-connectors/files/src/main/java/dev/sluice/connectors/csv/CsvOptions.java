package dev.sluice.connectors.csv;

import dev.sluice.connectors.file.FormatOptions;
import java.util.Locale;

/**
 * The CSV options Spark documents, resolved once per read or write: {@code sep} (alias
 * {@code delimiter}, default {@code ,}), {@code quote} ({@code "}; empty turns quoting off),
 * {@code escape} ({@code \}), {@code comment} (off), {@code header} (false), {@code inferSchema} (false),
 * {@code nullValue} (empty), {@code emptyValue}, {@code ignoreLeadingWhiteSpace} /
 * {@code ignoreTrailingWhiteSpace} (false when reading, true when writing), {@code multiLine} (false),
 * {@code quoteAll} (false), {@code escapeQuotes} (true), {@code lineSep} (one character; reading: any of
 * {@code \n}, {@code \r\n}, {@code \r} by default; writing: {@code \n}), {@code enforceSchema} (true: a
 * user schema wins over the header; false: the header must match it by position), {@code nanValue}
 * ({@code NaN}), {@code positiveInf} ({@code Inf}), {@code negativeInf} ({@code -Inf}) and
 * {@code unescapedQuoteHandling} ({@link UnescapedQuotes}). Immutable.
 */
final class CsvOptions {
    /**
     * Spark's (univocity's) {@code unescapedQuoteHandling}: what to do with text after the closing quote of a
     * quoted value ({@code "a"b,c}). {@code STOP_AT_CLOSING_QUOTE} (default) keeps the text after the quote
     * as part of the value; {@code BACK_TO_DELIMITER} and {@code STOP_AT_DELIMITER} read the whole field up
     * to the delimiter as an unquoted value (quotes kept); {@code SKIP_VALUE} makes it {@code nullValue};
     * {@code RAISE_ERROR} makes the record malformed.
     */
    enum UnescapedQuotes { STOP_AT_CLOSING_QUOTE, BACK_TO_DELIMITER, STOP_AT_DELIMITER, SKIP_VALUE, RAISE_ERROR }

    final char separator;
    final char quote;
    final char escape;
    final char comment;
    final boolean header;
    final boolean inferSchema;
    final String nullValue;
    final String emptyValueRead;
    final String emptyValueWrite;
    final boolean trimLeadingRead;
    final boolean trimTrailingRead;
    final boolean trimLeadingWrite;
    final boolean trimTrailingWrite;
    final boolean multiLine;
    final boolean quoteAll;
    final boolean escapeQuotes;
    final String lineSeparatorWrite;
    /** The record separator when reading, or {@code '\u0000'} for any of {@code \n}, {@code \r\n}, {@code \r}. */
    final char lineSeparatorRead;
    final boolean enforceSchema;
    final String nanValue;
    final String positiveInf;
    final String negativeInf;
    final UnescapedQuotes unescapedQuotes;

    CsvOptions(FormatOptions options) {
        separator = options.getChar(",", "sep", "delimiter");
        quote = options.getChar("\"", "quote");
        escape = options.getChar("\\", "escape");
        comment = options.getChar("", "comment");
        header = options.getBoolean("header", false);
        inferSchema = options.getBoolean("inferSchema", false);
        nullValue = options.get("nullValue", "");
        emptyValueRead = options.get("emptyValue", "");
        emptyValueWrite = options.get("emptyValue", quote == '\u0000' ? "" : "" + quote + quote);
        trimLeadingRead = options.getBoolean("ignoreLeadingWhiteSpace", false);
        trimTrailingRead = options.getBoolean("ignoreTrailingWhiteSpace", false);
        trimLeadingWrite = options.getBoolean("ignoreLeadingWhiteSpace", true);
        trimTrailingWrite = options.getBoolean("ignoreTrailingWhiteSpace", true);
        multiLine = options.getBoolean("multiLine", false);
        quoteAll = options.getBoolean("quoteAll", false);
        escapeQuotes = options.getBoolean("escapeQuotes", true);
        String lineSep = options.get("lineSep");
        if (lineSep != null && lineSep.isEmpty()) {
            throw dev.sluice.conf.OptionValues.refused("lineSep", "'lineSep' cannot be an empty string.", null);
        }
        if (lineSep != null && lineSep.length() > 1 && !lineSep.equals("\r\n")) {
            throw dev.sluice.conf.OptionValues.refused("lineSep", "'lineSep' can contain only 1 character.", null);
        }
        lineSeparatorWrite = lineSep == null ? "\n" : lineSep;
        lineSeparatorRead = lineSep == null || lineSep.length() > 1 ? '\u0000' : lineSep.charAt(0);
        enforceSchema = options.getBoolean("enforceSchema", true);
        nanValue = options.get("nanValue", "NaN");
        positiveInf = options.get("positiveInf", "Inf");
        negativeInf = options.get("negativeInf", "-Inf");
        String handling = options.get("unescapedQuoteHandling", "STOP_AT_CLOSING_QUOTE").trim().toUpperCase(Locale.ROOT);
        try {
            unescapedQuotes = UnescapedQuotes.valueOf(handling);
        } catch (IllegalArgumentException e) {
            throw dev.sluice.conf.OptionValues.invalid("unescapedQuoteHandling", handling, "expected one of"
                    + " STOP_AT_CLOSING_QUOTE, BACK_TO_DELIMITER, STOP_AT_DELIMITER, SKIP_VALUE, RAISE_ERROR");
        }
    }

    /** Whether {@code token} is one of the texts of NaN and the infinities. */
    boolean isNonNumeric(String token) {
        return token.equals(nanValue) || token.equals(positiveInf) || token.equals(negativeInf);
    }

    /** The value of a token {@link #isNonNumeric} accepts. */
    double nonNumeric(String token) {
        return token.equals(nanValue) ? Double.NaN
                : token.equals(positiveInf) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
}
