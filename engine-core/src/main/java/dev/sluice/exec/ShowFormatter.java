package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.ValueRendering;
import dev.sluice.sql.types.DataType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code Dataset.show()}, character for character as Spark 4.1's {@code showString}.
 *
 * <p>Cells are the show-style text of {@link ValueRendering#renderForShow} ({@code NULL} for nulls, hex for
 * binary), with line breaks and tabs escaped ({@code \n}, {@code \t}). With {@code truncate > 0} cells longer
 * than {@code truncate} characters are cut to {@code truncate - 3} characters plus {@code ...} (or to
 * {@code truncate} characters when it is below 4) and every cell is right-aligned; with {@code truncate == 0}
 * cells are left-aligned and never cut. Columns are at least 3 wide; widths count East Asian full-width
 * characters as 2. When more rows than {@code numRows} are given the footer
 * {@code only showing top N rows} follows. The result always ends with a newline.
 * Stateless and thread-safe.
 */
public final class ShowFormatter {
    private static final int MINIMUM_COLUMN_WIDTH = 3;

    private ShowFormatter() {
    }

    /**
     * Formats the first {@code numRows} rows of {@code rows}.
     *
     * @param columnNames the header, one name per column of {@code rows}
     * @param types the column types, parallel to {@code columnNames}
     * @param rows the data; pass at most {@code numRows + 1} rows: one more than {@code numRows} signals that
     *     more data exists and prints the "only showing" footer
     * @param numRows how many rows to print (negative counts as 0)
     * @param truncate maximum cell width, or 0 for no truncation (and left alignment)
     * @param vertical true for the one-line-per-value {@code -RECORD n-} layout
     * @param zone session time zone used for timestamps
     */
    public static String showString(List<String> columnNames, List<DataType> types, Chunk rows, int numRows,
            int truncate, boolean vertical, ZoneId zone) {
        if (columnNames.size() != types.size() || columnNames.size() != rows.columnCount()) {
            throw new IllegalArgumentException("showString needs one name and one type per column, got "
                    + columnNames.size() + " names, " + types.size() + " types and " + rows.columnCount() + " columns");
        }
        int rowLimit = Math.max(numRows, 0);
        boolean hasMoreData = rows.rowCount() > rowLimit;
        List<List<String>> table = cells(columnNames, types, rows, Math.min(rowLimit, rows.rowCount()), truncate, zone);
        StringBuilder sb = new StringBuilder();
        if (vertical) {
            appendVertical(sb, table);
        } else {
            appendTable(sb, table, columnNames.size(), truncate);
        }
        if (vertical && table.size() == 1) {
            sb.append("(0 rows)\n");
        } else if (hasMoreData) {
            sb.append("only showing top ").append(rowLimit).append(rowLimit == 1 ? " row\n" : " rows\n");
        }
        return sb.toString();
    }

    /** The header row followed by one row of truncated cell texts per data row. */
    private static List<List<String>> cells(List<String> columnNames, List<DataType> types, Chunk rows, int count,
            int truncate, ZoneId zone) {
        List<List<String>> table = new ArrayList<>(count + 1);
        List<String> header = new ArrayList<>(columnNames.size());
        for (String name : columnNames) {
            header.add(escapeMetaCharacters(name));
        }
        table.add(header);
        for (int row = 0; row < count; row++) {
            List<String> line = new ArrayList<>(columnNames.size());
            for (int column = 0; column < columnNames.size(); column++) {
                ColumnVector vector = rows.column(column);
                String text = ValueRendering.renderForShow(vector.getObject(row), types.get(column), zone);
                line.add(truncate(escapeMetaCharacters(text), truncate));
            }
            table.add(line);
        }
        return table;
    }

    private static String truncate(String text, int truncate) {
        if (truncate <= 0 || text.length() <= truncate) {
            return text;
        }
        return truncate < 4 ? text.substring(0, truncate) : text.substring(0, truncate - 3) + "...";
    }

    private static void appendTable(StringBuilder sb, List<List<String>> table, int columnCount, int truncate) {
        int[] widths = new int[columnCount];
        java.util.Arrays.fill(widths, MINIMUM_COLUMN_WIDTH);
        for (List<String> line : table) {
            for (int column = 0; column < columnCount; column++) {
                widths[column] = Math.max(widths[column], displayWidth(line.get(column)));
            }
        }
        // Spark joins the cells with addString("+", "+", "+\n"): with no columns that is "++" and "||".
        StringBuilder separator = new StringBuilder("+");
        for (int width : widths) {
            separator.append("-".repeat(width)).append('+');
        }
        if (columnCount == 0) {
            separator.append('+');
        }
        separator.append('\n');
        sb.append(separator);
        for (int index = 0; index < table.size(); index++) {
            List<String> line = table.get(index);
            sb.append('|');
            for (int column = 0; column < columnCount; column++) {
                String cell = line.get(column);
                String padding = " ".repeat(widths[column] - displayWidth(cell));
                sb.append(truncate > 0 ? padding + cell : cell + padding).append('|');
            }
            if (columnCount == 0) {
                sb.append('|');
            }
            sb.append('\n');
            if (index == 0) {
                sb.append(separator);
            }
        }
        sb.append(separator);
    }

    private static void appendVertical(StringBuilder sb, List<List<String>> table) {
        List<String> names = table.get(0);
        int nameWidth = MINIMUM_COLUMN_WIDTH;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, displayWidth(name));
        }
        int dataWidth = MINIMUM_COLUMN_WIDTH;
        for (int row = 1; row < table.size(); row++) {
            for (String cell : table.get(row)) {
                dataWidth = Math.max(dataWidth, displayWidth(cell));
            }
        }
        for (int row = 1; row < table.size(); row++) {
            String recordHeader = "-RECORD " + (row - 1);
            sb.append(recordHeader).append("-".repeat(Math.max(0, nameWidth + dataWidth + 5 - recordHeader.length())))
                    .append('\n');
            List<String> line = table.get(row);
            for (int column = 0; column < names.size(); column++) {
                String name = names.get(column);
                String cell = line.get(column);
                sb.append(' ').append(name).append(" ".repeat(nameWidth - displayWidth(name))).append(" | ")
                        .append(cell).append(" ".repeat(dataWidth - displayWidth(cell))).append(" \n");
            }
        }
    }

    /**
     * Width of {@code text} on a terminal: its length plus one for every East Asian full-width character (the
     * ranges of Spark's {@code Utils.stringHalfWidth}).
     */
    public static int displayWidth(String text) {
        int width = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (isFullWidth(text.charAt(i))) {
                width++;
            }
        }
        return width;
    }

    private static boolean isFullWidth(char c) {
        return (c >= '\u1100' && c <= '\u115F') || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3')
                || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE10' && c <= '\uFE19') || (c >= '\uFE30' && c <= '\uFE6F')
                || (c >= '\uFF00' && c <= '\uFF60') || (c >= '\uFFE0' && c <= '\uFFE6');
    }

    /** Spark's {@code SchemaUtils.escapeMetaCharacters}: control characters that would break the table. */
    private static String escapeMetaCharacters(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0 && text.indexOf('\f') < 0
                && text.indexOf('\b') < 0 && text.indexOf('\u000B') < 0 && text.indexOf('\u0007') < 0) {
            return text;
        }
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\f", "\\f")
                .replace("\b", "\\b").replace("\u000B", "\\v").replace("\u0007", "\\a");
    }
}
