package dev.sluice.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real MariaDB server: {@code @ExtendWith(MariaDbExtension.class)} and a
 * parameter of type {@link EmbeddedMariaDb}. One server per test JVM, closed with the JUnit root context.
 */
public final class MariaDbExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedMariaDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(MariaDbExtension.class,
                        k -> new KafkaBrokerExtension.Holder<>(EmbeddedMariaDb.start()), KafkaBrokerExtension.Holder.class)
                .value();
    }
}
