package dev.sluice.sqllite.ast;

/**
 * A parameter marker of a parameterized query: named ({@code :name}) or positional ({@code ?}), bound to a
 * value by {@code sql(text, args)}. Immutable.
 *
 * @param name the name of a named marker, or null for a positional one
 * @param offset the character offset of a positional marker in the SQL text (Spark names an unbound one
 *     {@code _<offset>}), or -1 for a named one
 * @param index the 0-based rank of a positional marker among the text's {@code ?} markers (the argument it
 *     takes), or -1 for a named one
 */
public record Parameter(String name, int offset, int index) implements Expr {

  /** A named marker {@code :name}. */
  public static Parameter named(String name) {
    return new Parameter(name, -1, -1);
  }

  /** The {@code index}-th positional marker {@code ?}, found at {@code offset} in the text. */
  public static Parameter positional(int offset, int index) {
    return new Parameter(null, offset, index);
  }

  /** Whether this is a positional ({@code ?}) marker. */
  public boolean positional() {
    return name == null;
  }

  /**
   * Markers are equal by name, or by rank for positional ones: the offset only names an unbound marker and
   * changes when the text is re-rendered.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Parameter p && java.util.Objects.equals(name, p.name) && index == p.index;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, index);
  }

  @Override
  public String toString() {
    return positional() ? "?" : ":" + SqlText.identifier(name);
  }
}
