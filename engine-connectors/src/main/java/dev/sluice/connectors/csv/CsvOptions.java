package dev.sluice.connectors.csv;

import dev.sluice.connectors.file.FormatOptions;

/**
 * The CSV options Spark documents, resolved once per read or write: {@code sep} (alias
 * {@code delimiter}, default {@code ,}), {@code quote} ({@code "}; empty turns quoting off),
 * {@code escape} ({@code \}), {@code comment} (off), {@code header} (false), {@code inferSchema} (false),
 * {@code nullValue} (empty), {@code emptyValue}, {@code ignoreLeadingWhiteSpace} /
 * {@code ignoreTrailingWhiteSpace} (false when reading, true when writing), {@code multiLine} (false),
 * {@code quoteAll} (false), {@code escapeQuotes} (true), {@code lineSep} (writing, {@code \n}). Immutable.
 */
final class CsvOptions {
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
        lineSeparatorWrite = options.get("lineSep", "\n");
    }
}
