package dev.sluice.exec.tws;

import dev.sluice.sql.SluiceException;

/** Spark's error classes and texts of {@code transformWithState} misuse. Stateless. */
public final class TwsErrors {
    private TwsErrors() {
    }

    static SluiceException invalidHandleState(String operation, Object handleState) {
        return new SluiceException("STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_HANDLE_STATE",
                "Failed to perform stateful processor operation=" + operation + " with invalid handle state="
                        + handleState + ".", "42802", null);
    }

    static SluiceException invalidTimeMode(String operation, Object timeMode) {
        return new SluiceException("STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_TIME_MODE",
                "Failed to perform stateful processor operation=" + operation + " with invalid timeMode=" + timeMode,
                "42802", null);
    }

    static SluiceException duplicateVariable(String name) {
        return new SluiceException("STATEFUL_PROCESSOR_DUPLICATE_STATE_VARIABLE_DEFINED", "State variable with name "
                + name + " has already been defined in the StatefulProcessor.", "42802", null);
    }

    static SluiceException ttlInTimeMode(String name, Object timeMode) {
        return new SluiceException("STATEFUL_PROCESSOR_INCORRECT_TIME_MODE_TO_ASSIGN_TTL", "Cannot use TTL for state="
                + name + " in timeMode=" + timeMode + ", use TimeMode.ProcessingTime() instead.", "42802", null);
    }

    static SluiceException ttlNotPositive(String operation, String name) {
        return new SluiceException("STATEFUL_PROCESSOR_TTL_DURATION_MUST_BE_POSITIVE", "TTL duration must be greater"
                + " than zero for State store operation=" + operation + " on state=" + name + ".", "42802", null);
    }

    static SluiceException reservedName(String name) {
        return new SluiceException("STATE_STORE_CANNOT_CREATE_COLUMN_FAMILY_WITH_RESERVED_CHARS", "Failed to create"
                + " column family with unsupported starting character and name=" + name + ".", "42802", null);
    }

    static SluiceException invalidName(String operation, String name) {
        return new SluiceException("STATE_STORE_CANNOT_USE_COLUMN_FAMILY_WITH_INVALID_NAME", "Failed to perform"
                + " column family operation=" + operation + " with invalid name=" + name + ". Column family name"
                + " cannot be empty or include leading/trailing spaces or use the reserved keyword=default",
                "42802", null);
    }

    static SluiceException nullValue(String name) {
        return new SluiceException("ILLEGAL_STATE_STORE_VALUE.NULL_VALUE", "Illegal value provided to the State Store"
                + " Cannot write null values to State Store for StateName " + name + ".", "42601", null);
    }

    static SluiceException emptyList(String name) {
        return new SluiceException("ILLEGAL_STATE_STORE_VALUE.EMPTY_LIST_VALUE", "Illegal value provided to the State"
                + " Store Cannot write empty list values to State Store for StateName " + name + ".", "42601", null);
    }

    /** A user function failed: Sluice errors pass as they are, others are wrapped naming the function. */
    static RuntimeException userFunction(String function, Exception e) {
        if (e instanceof SluiceException s && s.getCondition() != null) {
            return s;
        }
        return new SluiceException("TRANSFORM_WITH_STATE_USER_FUNCTION_ERROR", "An error occurred in the"
                + " user-defined function " + function + " of the StatefulProcessor. Reason: "
                + (e.getMessage() == null ? "" : e.getMessage()) + ".", "39000", e);
    }
}
