package dev.sluice.sqllite;

import dev.sluice.sqllite.ast.BinaryOperator;
import java.util.Set;

/**
 * Binding strengths of Spark SQL operators, lowest first, and the mapping from tokens to infix
 * operators. Stateless.
 */
final class Precedence {

  static final int NONE = 0;
  static final int OR = 1;
  static final int AND = 2;
  /** Prefix {@code NOT}: binds looser than comparisons, tighter than {@code AND}. */
  static final int NOT = 3;
  /** Comparisons and predicates ({@code IS NULL}, {@code IN}, {@code BETWEEN}, {@code LIKE}). */
  static final int COMPARISON = 4;
  static final int BITWISE_OR = 5;
  static final int BITWISE_XOR = 6;
  static final int BITWISE_AND = 7;
  static final int ADDITIVE = 8;
  static final int MULTIPLICATIVE = 9;
  static final int UNARY = 10;
  /** Subscript {@code [i]}, field access {@code .f} and cast {@code ::type}. */
  static final int POSTFIX = 11;

  /** Predicate keywords that may be preceded by {@code NOT}. */
  static final Set<String> NEGATABLE_PREDICATES =
      Set.of("IN", "BETWEEN", "LIKE", "ILIKE", "RLIKE", "REGEXP");

  private Precedence() {
  }

  /** Returns the precedence of the infix or postfix operator starting at {@code current}. */
  static int ofInfix(Token current, Token following) {
    if (current.type() == TokenType.LEFT_BRACKET || current.type() == TokenType.DOT
        || current.type() == TokenType.DOUBLE_COLON) {
      return POSTFIX;
    }
    if (isPredicate(current, following)) {
      return COMPARISON;
    }
    BinaryOperator operator = binaryOperator(current);
    return operator == null ? NONE : of(operator);
  }

  /** Returns whether a predicate ({@code IS}, {@code [NOT] IN}, ...) starts at {@code current}. */
  static boolean isPredicate(Token current, Token following) {
    if (current.isKeyword("NOT")) {
      return isNegatablePredicate(following);
    }
    return current.isKeyword("IS") || isNegatablePredicate(current);
  }

  /** Returns whether {@code token} is a predicate keyword that may follow {@code NOT}. */
  static boolean isNegatablePredicate(Token token) {
    return token.type() == TokenType.IDENTIFIER && NEGATABLE_PREDICATES.contains(token.keyword());
  }

  /** Returns the binary operator written by {@code token}, or null if it is none. */
  static BinaryOperator binaryOperator(Token token) {
    return switch (token.type()) {
      case PLUS -> BinaryOperator.ADD;
      case MINUS -> BinaryOperator.SUBTRACT;
      case STAR -> BinaryOperator.MULTIPLY;
      case SLASH -> BinaryOperator.DIVIDE;
      case PERCENT -> BinaryOperator.REMAINDER;
      case CONCAT -> BinaryOperator.CONCAT;
      case EQUAL, DOUBLE_EQUAL -> BinaryOperator.EQUAL;
      case NULL_SAFE_EQUAL -> BinaryOperator.NULL_SAFE_EQUAL;
      case NOT_EQUAL_ANGLE, NOT_EQUAL_BANG -> BinaryOperator.NOT_EQUAL;
      case LESS_THAN -> BinaryOperator.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> BinaryOperator.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> BinaryOperator.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> BinaryOperator.GREATER_THAN_OR_EQUAL;
      case AMPERSAND -> BinaryOperator.BITWISE_AND;
      case PIPE -> BinaryOperator.BITWISE_OR;
      case CARET -> BinaryOperator.BITWISE_XOR;
      case IDENTIFIER -> keywordOperator(token.keyword());
      default -> null;
    };
  }

  private static BinaryOperator keywordOperator(String keyword) {
    return switch (keyword) {
      case "AND" -> BinaryOperator.AND;
      case "OR" -> BinaryOperator.OR;
      case "DIV" -> BinaryOperator.INTEGER_DIVIDE;
      default -> null;
    };
  }

  /** Returns the precedence of a binary operator. */
  static int of(BinaryOperator operator) {
    return switch (operator) {
      case OR -> OR;
      case AND -> AND;
      case EQUAL, NULL_SAFE_EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN,
          GREATER_THAN_OR_EQUAL -> COMPARISON;
      case BITWISE_OR -> BITWISE_OR;
      case BITWISE_XOR -> BITWISE_XOR;
      case BITWISE_AND -> BITWISE_AND;
      case ADD, SUBTRACT, CONCAT -> ADDITIVE;
      case MULTIPLY, DIVIDE, REMAINDER, INTEGER_DIVIDE -> MULTIPLICATIVE;
    };
  }
}
