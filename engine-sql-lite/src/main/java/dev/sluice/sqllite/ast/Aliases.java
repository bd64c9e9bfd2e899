package dev.sluice.sqllite.ast;

/** Renders optional relation aliases. Stateless. */
final class Aliases {

  private Aliases() {
  }

  /** Returns {@code " AS alias"}, or an empty string when {@code alias} is null. */
  static String suffix(String alias) {
    return alias == null ? "" : " AS " + SqlText.identifier(alias);
  }
}
