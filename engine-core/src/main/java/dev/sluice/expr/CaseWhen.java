package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 [WHEN ...] [ELSE e] END}: the value of the first branch whose condition is
 * true (NULL conditions count as false), else the ELSE value or NULL. Branch values share one type.
 * Children are laid out {@code [c1, v1, c2, v2, ..., else?]}.
 */
public final class CaseWhen extends Expression {
    private final List<Expression> conditions;
    private final List<Expression> values;
    private final Expression elseValue;

    public CaseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue) {
        if (conditions.size() != values.size() || conditions.isEmpty()) {
            throw new IllegalArgumentException("CASE WHEN needs as many conditions as values, at least one");
        }
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
        this.elseValue = elseValue;
    }

    @Override
    public List<Expression> children() {
        List<Expression> all = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            all.add(conditions.get(i));
            all.add(values.get(i));
        }
        if (elseValue != null) {
            all.add(elseValue);
        }
        return all;
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
        List<Expression> conds = new ArrayList<>();
        List<Expression> vals = new ArrayList<>();
        for (int i = 0; i + 1 < c.size(); i += 2) {
            conds.add(c.get(i));
            vals.add(c.get(i + 1));
        }
        return new CaseWhen(conds, vals, c.size() % 2 == 1 ? c.get(c.size() - 1) : null);
    }

    @Override
    public DataType dataType() {
        return values.get(0).dataType();
    }

    @Override
    public boolean nullable() {
        if (elseValue == null || elseValue.nullable()) {
            return true;
        }
        for (Expression v : values) {
            if (v.nullable()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            sb.append(" WHEN ").append(conditions.get(i).sql()).append(" THEN ").append(values.get(i).sql());
        }
        if (elseValue != null) {
            sb.append(" ELSE ").append(elseValue.sql());
        }
        return sb.append(" END").toString();
    }

    /**
     * Conditions are evaluated only on rows no earlier branch took, and each value only on the rows that
     * chose it, so {@code CASE WHEN b <> 0 THEN a / b END} never divides by zero under ANSI mode.
     */
    @Override
    public ColumnVector eval(Chunk input) {
        int n = input.rowCount();
        int[] chosen = new int[Math.max(n, 1)];
        int[] pending = new int[Math.max(n, 1)];
        int pendingCount = n;
        for (int i = 0; i < n; i++) {
            pending[i] = i;
        }
        int branches = conditions.size();
        java.util.Arrays.fill(chosen, branches);
        for (int b = 0; b < branches && pendingCount > 0; b++) {
            Chunk subset = pendingCount == n ? input : input.take(pending, pendingCount);
            ColumnVector cond = conditions.get(b).eval(subset);
            boolean[] c = ((BooleanVector) cond).values();
            int kept = 0;
            for (int k = 0; k < pendingCount; k++) {
                if (c[k] && !cond.isNull(k)) {
                    chosen[pending[k]] = b;
                } else {
                    pending[kept++] = pending[k];
                }
            }
            pendingCount = kept;
        }
        ColumnVector[] results = new ColumnVector[branches + 1];
        int[] positionInResult = new int[Math.max(n, 1)];
        int[] rows = new int[Math.max(n, 1)];
        for (int b = 0; b <= branches; b++) {
            Expression valueExpression = b < branches ? values.get(b) : elseValue;
            if (valueExpression == null) {
                continue;
            }
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (chosen[i] == b) {
                    positionInResult[i] = count;
                    rows[count++] = i;
                }
            }
            if (count > 0) {
                results[b] = valueExpression.eval(count == n ? input : input.take(rows, count));
            }
        }
        ColumnVector out = ColumnVector.allocate(dataType(), n);
        for (int i = 0; i < n; i++) {
            ColumnVector source = results[chosen[i]];
            if (source == null) {
                out.appendNull();
            } else {
                out.appendFrom(source, positionInResult[i]);
            }
        }
        return out;
    }
}
