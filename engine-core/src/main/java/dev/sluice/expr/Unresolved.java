package dev.sluice.expr;


/** Behaviour shared by nodes that exist only before analysis: no type, no evaluation. */
interface Unresolved {
    static UnsupportedOperationException notResolved(Expression e) {
        return new UnsupportedOperationException("expression " + e.sql() + " is not resolved");
    }
}
