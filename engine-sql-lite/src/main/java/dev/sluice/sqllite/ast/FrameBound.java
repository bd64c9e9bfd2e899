package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * One end of a window frame, e.g. {@code UNBOUNDED PRECEDING}, {@code CURRENT ROW} or
 * {@code 3 FOLLOWING}. Immutable.
 *
 * @param kind the kind of bound; never null
 * @param offset the offset of a {@code PRECEDING}/{@code FOLLOWING} bound; null for other kinds
 */
public record FrameBound(BoundKind kind, Expr offset) {

  /** Checks that an offset is present exactly when the kind needs one. */
  public FrameBound {
    Objects.requireNonNull(kind, "kind");
    if (kind.hasOffset() != (offset != null)) {
      throw new IllegalArgumentException(kind + (offset == null
          ? " needs an offset" : " takes no offset"));
    }
  }

  /** Creates a bound without an offset, such as {@code CURRENT ROW}. */
  public static FrameBound of(BoundKind kind) {
    return new FrameBound(kind, null);
  }

  @Override
  public String toString() {
    return offset == null ? kind.sql() : offset + " " + kind.sql();
  }
}
