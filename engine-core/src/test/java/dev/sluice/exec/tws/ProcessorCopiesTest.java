package dev.sluice.exec.tws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.streaming.StatefulProcessor;
import dev.sluice.sql.streaming.TimeMode;
import dev.sluice.sql.streaming.TimerValues;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each thread running transformWithState partitions at once takes a processor of its own, copied by serialization. */
class ProcessorCopiesTest {
    /** A processor with a configured field: a copy must carry it. */
    static class Prefixing extends StatefulProcessor<Object, Object, Object> {
        final String prefix;

        Prefixing(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
        }

        @Override
        public Iterator<Object> handleInputRows(Object key, Iterator<Object> rows, TimerValues timerValues) {
            return List.<Object>of(prefix + key).iterator();
        }
    }

    static final class Uncopyable extends Prefixing {
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();

        Uncopyable() {
            super("u");
        }
    }

    @Test
    void processorsInUseAtOnceAreDistinctCopiesWithTheOriginalsFields() {
        Prefixing original = new Prefixing("p-");
        ProcessorCopies copies = new ProcessorCopies(cast(original), "operator 0");
        assertThat(copies.copyable()).isTrue();
        StatefulProcessor<Object, Object, Object> a = copies.take();
        StatefulProcessor<Object, Object, Object> b = copies.take();
        StatefulProcessor<Object, Object, Object> c = copies.take();
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates().contains(original);
        for (StatefulProcessor<Object, Object, Object> p : List.of(a, b, c)) {
            assertThat(((Prefixing) p).prefix).isEqualTo("p-");
        }
        copies.give(b);
        assertThat(copies.take()).isSameAs(b); // an idle processor is reused before a new copy is made
    }

    @Test
    void aProcessorThatCannotBeSerializedIsOnlyEverTheOriginal() {
        Uncopyable original = new Uncopyable();
        ProcessorCopies copies = new ProcessorCopies(cast(original), "operator 0");
        assertThat(copies.copyable()).isFalse();
        assertThat(copies.take()).isSameAs(original);
        assertThatThrownBy(copies::take).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operator 0");
    }

    @SuppressWarnings("unchecked")
    private static StatefulProcessor<Object, Object, Object> cast(StatefulProcessor<?, ?, ?> p) {
        return (StatefulProcessor<Object, Object, Object>) p;
    }
}
