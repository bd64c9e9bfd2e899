package dev.sluice.sqllite.ast;

/** The flavour of a {@link Like} predicate, with its SQL keyword. Immutable. */
public enum LikeKind {
  /** SQL wildcard pattern, case-sensitive. */
  LIKE,
  /** SQL wildcard pattern, case-insensitive. */
  ILIKE,
  /** Java regular expression, written {@code RLIKE} or {@code REGEXP}. */
  RLIKE
}
