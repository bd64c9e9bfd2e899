package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.SessionWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code UpdatingSessions}: gives every input row the session window it belongs to, merging the
 * sessions (from {@code t} to {@code t + gap}) of the rows of one {@code groupingKeys} value that overlap
 * or touch. Output is the
 * input columns followed by {@code sessionOutput}; rows with a NULL time or a non-positive gap are dropped.
 * Blocking: it sees all its input at once (one micro-batch when streaming).
 */
public final class UpdateSessions extends UnaryNode {
    private final List<Expression> groupingKeys;
    private final SessionWindow session;
    private final AttributeReference sessionOutput;

    public UpdateSessions(List<Expression> groupingKeys, SessionWindow session, AttributeReference sessionOutput,
                          LogicalPlan child) {
        super(child);
        this.groupingKeys = List.copyOf(groupingKeys);
        this.session = session;
        this.sessionOutput = sessionOutput;
    }

    public List<Expression> groupingKeys() {
        return groupingKeys;
    }

    public SessionWindow session() {
        return session;
    }

    public AttributeReference sessionOutput() {
        return sessionOutput;
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>(child.output());
        out.add(sessionOutput);
        return out;
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> all = new ArrayList<>(groupingKeys);
        all.add(session);
        return all;
    }

    @Override
    public String describe() {
        return "UpdateSessions " + list(groupingKeys) + ", " + session.sql() + ", " + sessionOutput;
    }
}
