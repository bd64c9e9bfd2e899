package dev.sluice.sqllite;

/**
 * Resolves the backslash escapes of a SQL string literal the way Spark's
 * {@code unescapeSQLString} does. Stateless.
 */
final class StringEscapes {

  private StringEscapes() {
  }

  /** Returns {@code body} (the text between the quotes) with its escapes resolved. */
  static String unescape(String body) {
    StringBuilder builder = new StringBuilder(body.length());
    int index = 0;
    while (index < body.length()) {
      char current = body.charAt(index);
      if (current != '\\' || index + 1 >= body.length()) {
        builder.append(current);
        index++;
      } else {
        index = appendEscape(body, index, builder);
      }
    }
    return builder.toString();
  }

  /** Appends the escape starting at the backslash at {@code index}; returns the next index. */
  private static int appendEscape(String body, int index, StringBuilder builder) {
    char escaped = body.charAt(index + 1);
    if (escaped == 'u' && isHex(body, index + 2, 4)) {
      builder.append((char) Integer.parseInt(body.substring(index + 2, index + 6), 16));
      return index + 6;
    }
    if (escaped == 'U' && isHex(body, index + 2, 8)) {
      long codePoint = Long.parseLong(body.substring(index + 2, index + 10), 16);
      if (Character.isValidCodePoint((int) codePoint) && codePoint <= Character.MAX_CODE_POINT) {
        builder.appendCodePoint((int) codePoint);
        return index + 10;
      }
    }
    if (isOctalTriple(body, index + 1)) {
      builder.append((char) Integer.parseInt(body.substring(index + 1, index + 4), 8));
      return index + 4;
    }
    switch (escaped) {
      case '0' -> builder.append('\u0000');
      case 'b' -> builder.append('\b');
      case 'n' -> builder.append('\n');
      case 'r' -> builder.append('\r');
      case 't' -> builder.append('\t');
      case 'Z' -> builder.append('\u001A');
      case '%', '_' -> builder.append('\\').append(escaped);
      default -> builder.append(escaped);
    }
    return index + 2;
  }

  private static boolean isHex(String body, int start, int length) {
    if (start + length > body.length()) {
      return false;
    }
    for (int index = start; index < start + length; index++) {
      if (Character.digit(body.charAt(index), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOctalTriple(String body, int start) {
    return start + 3 <= body.length()
        && body.charAt(start) >= '0' && body.charAt(start) <= '1'
        && isOctalDigit(body.charAt(start + 1)) && isOctalDigit(body.charAt(start + 2));
  }

  private static boolean isOctalDigit(char character) {
    return character >= '0' && character <= '7';
  }
}
