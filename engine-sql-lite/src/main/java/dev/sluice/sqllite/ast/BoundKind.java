package dev.sluice.sqllite.ast;

/** The kind of one end of a window frame. Immutable. */
public enum BoundKind {
  UNBOUNDED_PRECEDING("UNBOUNDED PRECEDING"),
  /** {@code n PRECEDING}; the bound carries the offset. */
  PRECEDING("PRECEDING"),
  CURRENT_ROW("CURRENT ROW"),
  /** {@code n FOLLOWING}; the bound carries the offset. */
  FOLLOWING("FOLLOWING"),
  UNBOUNDED_FOLLOWING("UNBOUNDED FOLLOWING");

  private final String sql;

  BoundKind(String sql) {
    this.sql = sql;
  }

  /** Returns whether a bound of this kind carries an offset expression. */
  public boolean hasOffset() {
    return this == PRECEDING || this == FOLLOWING;
  }

  /** Returns the SQL keywords of this kind (without the offset). */
  public String sql() {
    return sql;
  }
}
