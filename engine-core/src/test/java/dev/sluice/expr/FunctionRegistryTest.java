package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The built-in registry's lazy, family-by-family loading gives every name the builder eager loading would. */
class FunctionRegistryTest {
    @Test
    void noNameIsRegisteredByTwoFamiliesSoLoadOrderCannotChangeABuilder() {
        Map<String, Integer> owner = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (int i = 0; i < FunctionRegistry.BUILTIN_FAMILIES; i++) {
            FunctionRegistry alone = new FunctionRegistry();
            FunctionRegistry.registerBuiltinFamily(alone, i);
            for (String name : alone.names()) {
                Integer previous = owner.put(name, i);
                if (previous != null) {
                    clashes.add(name + " (families " + previous + " and " + i + ")");
                }
            }
        }
        assertThat(clashes).isEmpty();
        assertThat(FunctionRegistry.builtin().names()).containsExactlyElementsOf(new TreeSet<>(owner.keySet()));
    }

    @Test
    void loadsOnlyTheFamiliesUpToTheOneHoldingTheName() {
        List<String> loaded = new ArrayList<>();
        List<String> names = List.of("a", "b", "c");
        FunctionRegistry registry = new FunctionRegistry(3, (r, family) -> {
            loaded.add("family " + family);
            r.register(names.get(family), (args, context) -> null);
        });

        assertThat(registry.contains("A")).isTrue();
        assertThat(loaded).containsExactly("family 0");
        assertThat(registry.contains("b")).isTrue();
        assertThat(loaded).containsExactly("family 0", "family 1");
        assertThat(registry.names()).containsExactly("a", "b", "c");
        assertThat(loaded).containsExactly("family 0", "family 1", "family 2");
    }

    @Test
    void unknownNameLoadsEverythingThenFailsAsBefore() {
        List<String> loaded = new ArrayList<>();
        FunctionRegistry registry = new FunctionRegistry(1, (r, family) -> loaded.add("only"));

        assertThatThrownBy(() -> registry.build("no_such_fn", List.of(), null))
                .isInstanceOfSatisfying(AnalysisException.class,
                        e -> assertThat(e.getCondition()).isEqualTo("UNRESOLVED_ROUTINE"))
                .hasMessageContaining("`no_such_fn`");
        assertThat(loaded).containsExactly("only");
        assertThat(registry.contains("no_such_fn")).isFalse();
        assertThat(loaded).hasSize(1);
    }

    @Test
    void builtinFindsNamesFromTheLastFamilyCaseInsensitively() {
        Set<String> names = FunctionRegistry.builtin().names();
        assertThat(FunctionRegistry.builtin().contains("EXPLODE")).isTrue();
        assertThat(FunctionRegistry.builtin().contains("*")).isTrue();
        assertThat(names).contains("explode", "count", "lower", "to_date");
    }
}
