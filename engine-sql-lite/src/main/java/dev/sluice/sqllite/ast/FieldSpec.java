package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A named field of a struct type or of a DDL schema, e.g. {@code b STRUCT<c: STRING> NOT NULL}
 * or {@code d ARRAY<STRING> COMMENT 'x'}. Immutable.
 *
 * @param name the field name with quotes removed; never null
 * @param type the field type; never null
 * @param nullable false when declared {@code NOT NULL}
 * @param comment the {@code COMMENT} text; null when absent
 */
public record FieldSpec(String name, TypeSpec type, boolean nullable, String comment) {

  /** Checks that the name and type are present. */
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** Creates a nullable field without comment. */
  public static FieldSpec of(String name, TypeSpec type) {
    return new FieldSpec(name, type, true, null);
  }

  /** Renders the field as in Spark's {@code simpleString}: {@code name:type}. */
  @Override
  public String toString() {
    return SqlText.identifier(name) + ":" + type;
  }

  /** Renders the field as a DDL column: {@code name type [NOT NULL] [COMMENT '...']}. */
  public String toDdl() {
    return SqlText.identifier(name) + " " + type + (nullable ? "" : " NOT NULL")
        + (comment == null ? "" : " COMMENT " + SqlText.quotedString(comment));
  }
}
