package dev.sluice.plan;

import java.util.List;
import java.util.function.Function;

/**
 * Spark's indented plan tree ({@code explain()}): one line per node, children under {@code +- }, siblings joined by
 * {@code :  }. Shared by logical and physical plans. Stateless.
 */
public final class TreeText {
    private TreeText() {
    }

    /** The tree under {@code root}, each node shown by {@code line}, its children given by {@code children}. */
    public static <N> String render(N root, Function<N, String> line, Function<N, List<? extends N>> children) {
        StringBuilder sb = new StringBuilder();
        append(sb, root, line, children, "", true, true);
        return sb.toString();
    }

    private static <N> void append(StringBuilder sb, N node, Function<N, String> line,
                                   Function<N, List<? extends N>> children, String indent, boolean root, boolean last) {
        sb.append(indent);
        if (!root) {
            sb.append("+- ");
        }
        sb.append(line.apply(node)).append('\n');
        List<? extends N> kids = children.apply(node);
        String childIndent = root ? "" : indent + (last ? "   " : ":  ");
        for (int i = 0; i < kids.size(); i++) {
            append(sb, kids.get(i), line, children, childIndent, false, i == kids.size() - 1);
        }
    }
}
