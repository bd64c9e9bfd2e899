package dev.sluice.sql;

import dev.sluice.plan.logical.InitialStateSource;
import java.util.ArrayList;
import java.util.List;

/** A {@link KeyValueGroupedDataset} as the initial state of a stateful operator. Immutable. */
record InitialStates(KeyValueGroupedDataset<?, ?> grouped) implements InitialStateSource {
    @Override
    public boolean isStreaming() {
        return grouped.dataset().isStreaming();
    }

    @Override
    public List<Object[]> rows() throws Exception {
        List<Object[]> out = new ArrayList<>();
        for (Row row : grouped.dataset().toDF().collectAsList()) {
            out.add(new Object[] {keyRow(grouped, row), grouped.value(row)});
        }
        return out;
    }

    private static <K> Row keyRow(KeyValueGroupedDataset<K, ?> grouped, Row source) throws Exception {
        return grouped.keyEncoder().toRow(grouped.key(source));
    }
}
