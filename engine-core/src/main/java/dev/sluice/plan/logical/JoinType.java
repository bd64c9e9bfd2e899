package dev.sluice.plan.logical;

import dev.sluice.sql.AnalysisException;
import java.util.Locale;

/** The join kinds and the names Spark's API accepts for them. */
public enum JoinType {
    INNER, LEFT_OUTER, RIGHT_OUTER, FULL_OUTER, LEFT_SEMI, LEFT_ANTI, CROSS;

    /** Parses Spark's join type strings: inner, cross, outer, full, fullouter, full_outer, left, leftouter, ... */
    public static JoinType fromString(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("_", "");
        return switch (t) {
            case "inner" -> INNER;
            case "cross" -> CROSS;
            case "outer", "full", "fullouter" -> FULL_OUTER;
            case "left", "leftouter" -> LEFT_OUTER;
            case "right", "rightouter" -> RIGHT_OUTER;
            case "leftsemi", "semi" -> LEFT_SEMI;
            case "leftanti", "anti" -> LEFT_ANTI;
            default -> throw new AnalysisException("UNSUPPORTED_JOIN_TYPE", "Unsupported join type '" + text
                    + "'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer',"
                    + " 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi',"
                    + " 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.", "0A000");
        };
    }

    /** Whether the left side's columns may become null (no match on that side). */
    public boolean leftNullable() {
        return this == RIGHT_OUTER || this == FULL_OUTER;
    }

    public boolean rightNullable() {
        return this == LEFT_OUTER || this == FULL_OUTER;
    }

    /** Semi and anti joins output only the left columns. */
    public boolean outputsRight() {
        return this != LEFT_SEMI && this != LEFT_ANTI;
    }
}
