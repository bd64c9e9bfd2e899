package dev.sluice.sqllite.ast;

/** The parameterless data types, with Spark's {@code simpleString} name. Immutable. */
public enum PrimitiveKind {
  BOOLEAN("boolean"),
  /** {@code tinyint} or {@code byte}. */
  BYTE("tinyint"),
  /** {@code smallint} or {@code short}. */
  SHORT("smallint"),
  /** {@code int} or {@code integer}. */
  INT("int"),
  /** {@code bigint} or {@code long}. */
  LONG("bigint"),
  /** {@code float} or {@code real}. */
  FLOAT("float"),
  DOUBLE("double"),
  /** {@code string}, {@code varchar(n)} or {@code char(n)}. */
  STRING("string"),
  BINARY("binary"),
  DATE("date"),
  /** {@code timestamp} or {@code timestamp_ltz}: an instant, shown in the session time zone. */
  TIMESTAMP("timestamp"),
  /** {@code timestamp_ntz}: a local date-time without time zone. */
  TIMESTAMP_NTZ("timestamp_ntz"),
  /** {@code void}, the type of an untyped NULL. */
  NULL("void"),
  /** {@code interval}, a calendar interval. */
  INTERVAL("interval");

  private final String simpleString;

  PrimitiveKind(String simpleString) {
    this.simpleString = simpleString;
  }

  /** Returns Spark's {@code simpleString} for this type. */
  public String simpleString() {
    return simpleString;
  }
}
