package dev.sluice.sqllite.ast;

/**
 * A source of rows in a {@code FROM} clause. Every implementation is an immutable record, hence
 * thread-safe. {@code toString()} renders SQL text.
 */
public sealed interface Relation permits TableRef, SubqueryRelation, JoinRelation {
}
