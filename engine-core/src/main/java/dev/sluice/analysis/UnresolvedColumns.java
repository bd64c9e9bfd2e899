package dev.sluice.analysis;

import dev.sluice.expr.AttributeReference;
import dev.sluice.sql.AnalysisException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Spark 4.1's {@code UNRESOLVED_COLUMN} errors. The analyzer's ({@link #suggesting}) proposes at most 5 columns
 * ordered by similarity; {@code Dataset.col}'s ({@link #listingFields}) lists every field in schema order, as
 * Spark's eager {@code Dataset.resolve}. Stateless.
 */
public final class UnresolvedColumns {
    private static final int MAX_SUGGESTIONS = 5;

    private UnresolvedColumns() {
    }

    /** The analyzer's error for the name of parts {@code nameParts} over the columns {@code input}. */
    public static AnalysisException suggesting(List<String> nameParts, List<AttributeReference> input) {
        // Spark's UnresolvedAttribute.name: parts joined by dots, a part holding a dot in backticks.
        String name = String.join(".", nameParts.stream().map(p -> p.contains(".") ? "`" + p + "`" : p).toList());
        List<List<String>> candidates = new ArrayList<>();
        for (AttributeReference a : input) {
            List<String> parts = new ArrayList<>(a.qualifier());
            parts.add(a.name());
            candidates.add(parts);
        }
        List<List<String>> stripped = candidates;
        if (nameParts.size() == 1 && distinctPrefixes(candidates, 1) == 1) {
            stripped = candidates.stream().map(c -> c.subList(c.size() - 1, c.size())).toList();
        } else if (nameParts.size() <= 2 && distinctPrefixes(candidates, 2) == 1) {
            stripped = candidates.stream().map(c -> c.subList(Math.max(0, c.size() - 2), c.size())).toList();
        }
        List<String> quoted = new ArrayList<>(stripped.stream().map(UnresolvedColumns::quote).toList());
        quoted.sort(Comparator.comparingInt(candidate -> levenshtein(candidate, name)));
        List<String> proposal = quoted.subList(0, Math.min(MAX_SUGGESTIONS, quoted.size()));
        return error(nameParts, proposal);
    }

    /** {@code Dataset.col}'s error: every field name of the schema, in order. */
    public static AnalysisException listingFields(List<String> nameParts, String[] fieldNames) {
        List<String> proposal = new ArrayList<>();
        for (String field : fieldNames) {
            proposal.add(quote(List.of(field)));
        }
        return error(nameParts, proposal);
    }

    private static AnalysisException error(List<String> nameParts, List<String> proposal) {
        return new AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION", "A column, variable, or function parameter"
                + " with name " + quote(nameParts)
                + " cannot be resolved. Did you mean one of the following? [" + String.join(", ", proposal) + "].",
                "42703");
    }

    private static int distinctPrefixes(List<List<String>> candidates, int dropRight) {
        Set<List<String>> prefixes = new HashSet<>();
        for (List<String> c : candidates) {
            prefixes.add(c.subList(0, Math.max(0, c.size() - dropRight)));
        }
        return prefixes.size();
    }

    /** Spark's {@code quoteNameParts}/{@code toSQLId}: each part in backticks, backticks doubled, joined by dots. */
    private static String quote(List<String> parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            out.add("`" + part.replace("`", "``") + "`");
        }
        return String.join(".", out);
    }

    /** The edit distance of Apache Commons Text's {@code LevenshteinDistance} (no threshold). */
    static int levenshtein(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int cost = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
