package dev.sluice.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Kafka broker: {@code @ExtendWith(KafkaBrokerExtension.class)} and a
 * parameter of type {@link EmbeddedKafka}. One broker per test JVM, started on first use and closed when
 * the JUnit root context closes (not from a JVM shutdown hook, which races Kafka's own cleanup).
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KafkaBrokerExtension.class, k -> new Holder<>(EmbeddedKafka.start()), Holder.class)
                .value();
    }

    /** Closes the server when JUnit closes the root store. */
    record Holder<T extends AutoCloseable>(T value) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            value.close();
        }
    }
}
