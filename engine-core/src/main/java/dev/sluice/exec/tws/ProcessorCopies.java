package dev.sluice.exec.tws;

import dev.sluice.sql.streaming.StatefulProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies of a {@code transformWithState} operator's {@link StatefulProcessor} that its state partitions run
 * with: as Spark deserializes the processor in every task, each thread running partitions at once takes a copy of
 * its own (a processor keeps its state variables in fields, so one instance cannot serve two partitions at a time).
 * Copies are made by Java serialization (Spark's {@code StatefulProcessor} is {@code Serializable} for the same
 * reason) when two partitions first run at once, and are reused by later partitions and batches. A processor that
 * cannot be copied (a field that is not serializable) is not an error: its partitions run one after another with the
 * original, said once in the log.
 *
 * <p>Thread-safe: {@link #take} and {@link #give} may be called from several threads at once.
 */
public final class ProcessorCopies {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorCopies.class);

    private final StatefulProcessor<Object, Object, Object> original;
    private final String operator;
    private final ConcurrentLinkedQueue<StatefulProcessor<Object, Object, Object>> idle = new ConcurrentLinkedQueue<>();
    private byte[] serialized;
    private Boolean copyable;

    /**
     * @param original the node's processor (idle until taken)
     * @param operator the operator as messages name it
     */
    public ProcessorCopies(StatefulProcessor<Object, Object, Object> original, String operator) {
        this.original = original;
        this.operator = operator;
        idle.add(original);
    }

    /**
     * Whether copies can be made (decided once, by serializing the processor and reading one copy back, which
     * is kept for the first {@link #take}). Call from one thread, before partitions run.
     */
    public boolean copyable() {
        if (copyable == null) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(original);
                }
                serialized = bytes.toByteArray();
                idle.add(copy());
                copyable = true;
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                LOG.info("{}: the StatefulProcessor {} cannot be copied by Java serialization ({}); its state"
                        + " partitions run one after another", operator, original.getClass().getName(), e.toString());
                copyable = false;
            }
        }
        return copyable;
    }

    /** An idle processor (a new copy when every one is in use; the original only when not {@link #copyable}). */
    public StatefulProcessor<Object, Object, Object> take() {
        StatefulProcessor<Object, Object, Object> p = idle.poll();
        if (p != null) {
            return p;
        }
        if (!Boolean.TRUE.equals(copyable)) {
            throw new IllegalStateException(operator + ": the processor is in use and cannot be copied");
        }
        try {
            return copy();
        } catch (IOException | ClassNotFoundException e) {
            // it was copied once already: a second copy failing is a bug or a processor with side effects
            throw new IllegalStateException(operator + ": cannot copy the StatefulProcessor "
                    + original.getClass().getName() + ": " + e, e);
        }
    }

    /** Returns a processor taken with {@link #take} once its partition is done. */
    public void give(StatefulProcessor<Object, Object, Object> processor) {
        idle.add(processor);
    }

    @SuppressWarnings("unchecked")
    private StatefulProcessor<Object, Object, Object> copy() throws IOException, ClassNotFoundException {
        ClassLoader loader = original.getClass().getClassLoader();
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), loader)) {
            return (StatefulProcessor<Object, Object, Object>) in.readObject();
        }
    }

    /** Resolves classes with the processor's class loader first (user classes may not be on ours). */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
