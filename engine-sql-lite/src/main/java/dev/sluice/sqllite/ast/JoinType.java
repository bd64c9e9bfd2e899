package dev.sluice.sqllite.ast;

/** The kind of a {@link JoinRelation}, with its SQL keywords. Immutable. */
public enum JoinType {
  INNER("JOIN"),
  LEFT_OUTER("LEFT OUTER JOIN"),
  RIGHT_OUTER("RIGHT OUTER JOIN"),
  FULL_OUTER("FULL OUTER JOIN"),
  LEFT_SEMI("LEFT SEMI JOIN"),
  LEFT_ANTI("LEFT ANTI JOIN"),
  /** {@code CROSS JOIN}, also the meaning of a comma in {@code FROM a, b}. */
  CROSS("CROSS JOIN");

  private final String sql;

  JoinType(String sql) {
    this.sql = sql;
  }

  /** Returns the canonical SQL keywords of this join. */
  public String sql() {
    return sql;
  }
}
