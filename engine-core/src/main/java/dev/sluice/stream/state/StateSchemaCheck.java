package dev.sluice.stream.state;

import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Spark's state schema check, run when a query starts on an existing checkpoint: the stateful operators must
 * be the ones recorded ({@code STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA}: same ids, same
 * kinds), and each store's key and value layout must be compatible with the recorded one
 * ({@code STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE}, {@code STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE}).
 * Compatible means what the binary rows need (Spark's {@code equalsIgnoreNameAndCompatibleNullability}): the
 * same number of fields with the same types, recursively; field names and nullability may change, since
 * neither is part of the encoded bytes. Stateless.
 */
public final class StateSchemaCheck {
    /** A state variable in transformWithState's properties JSON: its (escaped) name and its type. */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile(
            "\\{\"stateName\":\"((?:[^\"\\\\]|\\\\.)*)\",\"stateVariableType\":\"(\\w+)\"");

    private StateSchemaCheck() {
    }

    /**
     * Checks {@code current} (every stateful operator of the query, by id) against {@code stored} (the
     * checkpoint's metadata). Nothing is checked when nothing is stored (a new query, or a checkpoint from
     * before operator metadata).
     *
     * @throws SluiceException with Spark's error class naming the operator and both schemas
     */
    public static void check(Map<Long, OperatorStateMetadata> stored, Map<Long, OperatorStateMetadata> current) {
        if (stored.isEmpty()) {
            return;
        }
        boolean same = stored.keySet().equals(current.keySet());
        for (var e : current.entrySet()) {
            OperatorStateMetadata old = stored.get(e.getKey());
            same &= old != null && old.operatorName().equals(e.getValue().operatorName());
        }
        if (!same) {
            throw new SluiceException("STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA",
                    "Streaming stateful operator name does not match with the operator in state metadata. This likely"
                    + " to happen when user adds/removes/changes stateful operator of existing streaming query.\n"
                    + "Stateful operators in the metadata: [" + pairs(stored) + "]; Stateful operators in current"
                    + " batch: [" + pairs(current) + "].", "42K03", null);
        }
        for (OperatorStateMetadata now : current.values()) {
            OperatorStateMetadata old = stored.get(now.operatorId());
            checkProperties(old, now);
            for (OperatorStateMetadata.StoreSchema store : now.stores()) {
                Optional<OperatorStateMetadata.StoreSchema> before = old.store(store.name());
                if (before.isPresent()) {
                    checkStore(now, before.get(), store);
                }
            }
        }
    }

    /**
     * Spark's restart checks of transformWithState's properties: the same time mode and output mode
     * ({@code STATE_STORE_INVALID_CONFIG_AFTER_RESTART}), and no state variable of another kind under an old name
     * ({@code STATE_STORE_INVALID_VARIABLE_TYPE_CHANGE}).
     */
    private static void checkProperties(OperatorStateMetadata old, OperatorStateMetadata now) {
        if (old.properties() == null || now.properties() == null) {
            return;
        }
        for (String config : java.util.List.of("timeMode", "outputMode")) {
            String before = property(old.properties(), config);
            String after = property(now.properties(), config);
            if (before != null && !before.equals(after)) {
                throw new SluiceException("STATE_STORE_INVALID_CONFIG_AFTER_RESTART", "Cannot change " + config
                        + " from " + before + " to " + after + " between restarts. Please set " + config + " to "
                        + before + ", or restart with a new checkpoint directory.", "42K06", null);
            }
        }
        Map<String, String> oldTypes = variableTypes(old.properties());
        variableTypes(now.properties()).forEach((name, type) -> {
            String before = oldTypes.get(name);
            if (before != null && !before.equals(type)) {
                throw new SluiceException("STATE_STORE_INVALID_VARIABLE_TYPE_CHANGE", "Cannot change " + name + " to "
                        + type + " between query restarts. Please set " + name + " to " + before + ", or restart with"
                        + " a new checkpoint directory.", "42K06", null);
            }
        });
    }

    /** A top-level string property of the JSON {@link OperatorStateMetadata#properties()} Sluice writes. */
    private static String property(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"(\\w+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** State variable name to type, from the properties JSON. */
    private static Map<String, String> variableTypes(String json) {
        Map<String, String> out = new java.util.HashMap<>();
        java.util.regex.Matcher m = VARIABLE.matcher(json);
        while (m.find()) {
            out.put(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), m.group(2));
        }
        return out;
    }

    private static void checkStore(OperatorStateMetadata op, OperatorStateMetadata.StoreSchema old,
                                   OperatorStateMetadata.StoreSchema now) {
        if (!sameLayout(old.keySchema(), now.keySchema())) {
            throw incompatible("KEY", "key", op, old.name(), old.keySchema(), now.keySchema());
        }
        if (!sameLayout(old.valueSchema(), now.valueSchema())) {
            throw incompatible("VALUE", "value", op, old.name(), old.valueSchema(), now.valueSchema());
        }
    }

    private static SluiceException incompatible(String kind, String what, OperatorStateMetadata op, String store,
                                                StructType old, StructType now) {
        return new SluiceException("STATE_STORE_" + kind + "_SCHEMA_NOT_COMPATIBLE",
                "Provided " + what + " schema does not match existing state " + what + " schema.\n"
                + "Please check number and type of fields.\n"
                + "Existing " + what + "_schema=" + old + " and new " + what + "_schema=" + now + ".\n"
                + "If you want to force running the query without schema validation, please set"
                + " spark.sql.streaming.stateStore.stateSchemaCheck to false.\n"
                + "However, please note that running the query with incompatible schema could cause"
                + " non-deterministic behavior.\n"
                + "Operator: " + op.operatorName() + " (operatorId " + op.operatorId() + ", store " + store + ").",
                "XXKST", null);
    }

    /** Whether rows encoded as {@code a} decode as {@code b}: same types, field names and nullability aside. */
    public static boolean sameLayout(DataType a, DataType b) {
        if (a instanceof StructType sa && b instanceof StructType sb) {
            if (sa.length() != sb.length()) {
                return false;
            }
            for (int i = 0; i < sa.length(); i++) {
                if (!sameLayout(sa.apply(i).dataType(), sb.apply(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return sameLayout(aa.elementType(), ab.elementType());
        }
        if (a instanceof MapType ma && b instanceof MapType mb) {
            return sameLayout(ma.keyType(), mb.keyType()) && sameLayout(ma.valueType(), mb.valueType());
        }
        return a.equals(b);
    }

    private static String pairs(Map<Long, OperatorStateMetadata> ops) {
        StringJoiner out = new StringJoiner(", ");
        ops.values().forEach(m -> out.add("(OperatorId: " + m.operatorId() + " -> OperatorName: " + m.operatorName()
                + ")"));
        return out.toString();
    }
}
