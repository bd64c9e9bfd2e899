package dev.sluice.sqllite.ast;

import java.util.Objects;

/**
 * A window frame {@code ROWS|RANGE BETWEEN start AND end}. The shorthand
 * {@code ROWS start} is stored with {@code end = CURRENT ROW}. Immutable.
 *
 * @param type rows or range; never null
 * @param start the first bound; never null
 * @param end the last bound; never null
 */
public record FrameSpec(FrameType type, FrameBound start, FrameBound end) {

  /** Checks that all parts are present. */
  public FrameSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  @Override
  public String toString() {
    return type + " BETWEEN " + start + " AND " + end;
  }
}
