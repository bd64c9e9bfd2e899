package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A node of an expression tree. Immutable and thread-safe.
 *
 * <p>Two phases: unresolved nodes ({@link UnresolvedAttribute}, {@link UnresolvedFunction}, ...) come
 * from the API or the SQL parser and have no type; the analyzer replaces them with resolved nodes whose
 * constructor checks argument types and picks a type-specialised evaluation strategy once. Resolved
 * nodes over {@link BoundReference}s are the vectorized evaluators: {@link #eval(Chunk)} computes a whole
 * column per call, with no per-row lookups by name.
 */
public abstract class Expression {
    /** The direct children, in order. */
    public abstract List<Expression> children();

    /** A copy of this node with other children (same count and meaning). */
    public abstract Expression withNewChildren(List<Expression> newChildren);

    /** The result type; only valid on resolved nodes. */
    public abstract DataType dataType();

    /** Whether the result may be null. */
    public boolean nullable() {
        return true;
    }

    /** Evaluates over every row of {@code input}, returning a vector of {@code input.rowCount()} values. */
    public abstract ColumnVector eval(Chunk input);

    /** True once this node and all its children have types. */
    public boolean resolved() {
        for (Expression child : children()) {
            if (!child.resolved()) {
                return false;
            }
        }
        return true;
    }

    /** False for expressions whose value varies between calls on the same input (rand, uuid). */
    public boolean deterministic() {
        for (Expression child : children()) {
            if (!child.deterministic()) {
                return false;
            }
        }
        return true;
    }

    /** True when the value depends on no input column (can be computed once). */
    public boolean foldable() {
        if (children().isEmpty()) {
            return false;
        }
        for (Expression child : children()) {
            if (!child.foldable()) {
                return false;
            }
        }
        return true;
    }

    /** The function name used in generated column names, e.g. {@code lower}. */
    public String prettyName() {
        String name = getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The text Spark uses as the column name when the expression is not aliased, e.g. {@code lower(name)},
     * {@code (a + 1)}, {@code count(1)}.
     */
    public String sql() {
        StringBuilder sb = new StringBuilder(prettyName()).append('(');
        List<Expression> children = children();
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(children.get(i).sql());
        }
        return sb.append(')').toString();
    }

    /** Rebuilds the tree bottom-up, applying {@code rule} to every node after its children. */
    public final Expression transformUp(Function<Expression, Expression> rule) {
        List<Expression> children = children();
        Expression node = this;
        if (!children.isEmpty()) {
            List<Expression> newChildren = new ArrayList<>(children.size());
            boolean changed = false;
            for (Expression child : children) {
                Expression newChild = child.transformUp(rule);
                changed |= newChild != child;
                newChildren.add(newChild);
            }
            if (changed) {
                node = withNewChildren(newChildren);
            }
        }
        return rule.apply(node);
    }

    /** True when {@code predicate} holds for this node or any descendant. */
    public final boolean exists(java.util.function.Predicate<Expression> predicate) {
        if (predicate.test(this)) {
            return true;
        }
        for (Expression child : children()) {
            if (child.exists(predicate)) {
                return true;
            }
        }
        return false;
    }

    /** Collects the nodes satisfying {@code predicate}, pre-order. */
    public final <T extends Expression> void collect(Class<T> type, List<T> out) {
        if (type.isInstance(this)) {
            out.add(type.cast(this));
        }
        for (Expression child : children()) {
            child.collect(type, out);
        }
    }

    /**
     * Semantic equality used to match grouping expressions: attributes by id, other nodes by class, SQL text,
     * type and children.
     */
    public final boolean semanticEquals(Expression other) {
        if (this instanceof AttributeReference x && other instanceof AttributeReference y) {
            return x.exprId() == y.exprId();
        }
        if (this instanceof AttributeReference || other instanceof AttributeReference) {
            return false;
        }
        if (getClass() != other.getClass() || !sql().equals(other.sql()) || !dataType().equals(other.dataType())) {
            return false;
        }
        List<Expression> mine = children();
        List<Expression> theirs = other.children();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).semanticEquals(theirs.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return sql();
    }
}
