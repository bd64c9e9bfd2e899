package dev.sluice.sqllite.ast;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Helpers that render identifiers and string literals as SQL text. Stateless. */
final class SqlText {

  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Words that would not be read back as a plain column name if written unquoted. */
  private static final Set<String> WORDS_NEEDING_QUOTES = Set.of(
      "TRUE", "FALSE", "NULL", "CASE", "CAST", "TRY_CAST", "NOT", "INTERVAL", "CURRENT_DATE",
      "CURRENT_TIMESTAMP", "CURRENT_TIME", "CURRENT_USER", "DIV");

  private SqlText() {
  }

  /** Returns {@code name} as is when it reads back as the same identifier, else backquoted. */
  static String identifier(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    boolean plain = PLAIN_IDENTIFIER.matcher(name).matches()
        && !WORDS_NEEDING_QUOTES.contains(upper)
        && !ReservedWords.isReserved(upper);
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  /** Renders a dotted, possibly quoted, multi-part name. */
  static String multipartIdentifier(List<String> parts) {
    return parts.stream().map(SqlText::identifier).collect(Collectors.joining("."));
  }

  /** Renders a single-quoted string literal using Spark's backslash escapes. */
  static String quotedString(String value) {
    StringBuilder builder = new StringBuilder(value.length() + 2).append('\'');
    for (int index = 0; index < value.length(); index++) {
      char character = value.charAt(index);
      switch (character) {
        case '\'' -> builder.append("\\'");
        case '\\' -> builder.append("\\\\");
        case '\n' -> builder.append("\\n");
        case '\r' -> builder.append("\\r");
        case '\t' -> builder.append("\\t");
        default -> {
          if (character < 0x20 || character == 0x7f) {
            builder.append(String.format(Locale.ROOT, "\\u%04x", (int) character));
          } else {
            builder.append(character);
          }
        }
      }
    }
    return builder.append('\'').toString();
  }

  /** Joins rendered items with {@code ", "}. */
  static String commaSeparated(List<?> items) {
    return items.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
