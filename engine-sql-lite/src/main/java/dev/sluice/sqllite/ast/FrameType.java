package dev.sluice.sqllite.ast;

/** Whether a window frame counts physical rows or a range of ORDER BY values. Immutable. */
public enum FrameType {
  ROWS,
  RANGE
}
