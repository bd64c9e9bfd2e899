package dev.sluice.stream.state;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.StructVector;
import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.state.KeyValue;
import dev.sluice.state.RowCodec;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spark 4.0's state data source, {@code session.read().format("statestore").load(checkpoint)}: the entries of
 * one stateful operator's state after one batch, as rows of {@code key} (struct), {@code value} (struct) and
 * {@code partition_id} (int). Options, as Spark's: {@code operatorId} (default 0), {@code batchId} (default
 * the last committed batch; the state read is the one that batch left), {@code storeName} (default
 * {@code default}; a stream-stream join's four stores by Spark's names), {@code joinSide} ({@code left} or
 * {@code right}: a join side's buffered rows by join key) and {@code stateVarName} (one state variable of a
 * {@code transformWithState} operator, flattened as Spark's: see {@link TwsStateReader}). Key and value columns are the layout recorded in
 * the operator's {@code _metadata} ({@link OperatorStateMetadata}); an operator without it (a checkpoint last
 * run before state metadata existed) cannot be read until the query has run one batch. Works for every
 * state store provider (the one the checkpoint was written with). Bad options fail with Spark's
 * {@code STDS_*} error classes. Reads eagerly; stateless and thread-safe.
 */
public final class StateDataSource implements BatchFormatProvider {
    private static final String JOIN = "symmetricHashJoin";

    @Override
    public String shortName() {
        return "statestore";
    }

    /** The options after Spark's checks, with what they resolve to. */
    private record Options(Path root, long operatorId, long batchId, String storeName, String joinSide,
                           String stateVarName) {
        @Override
        public String toString() {
            return "StateSourceOptions(checkpointLocation=" + root + ", batchId=" + batchId + ", operatorId="
                    + operatorId + ", storeName=" + storeName + ", joinSide=" + joinSide
                    + (stateVarName == null ? "" : ", stateVarName=" + stateVarName) + ")";
        }
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema,
                             List<String> paths) {
        Options opts = options(options, paths);
        Checkpoint checkpoint = new Checkpoint(opts.root());
        OperatorStateMetadata metadata = OperatorStateMetadata.read(opts.root(), opts.operatorId())
                .orElseThrow(() -> StateSourceSupport.error("STDS_FAILED_TO_READ_STATE_SCHEMA", "Failed to read the"
                        + " state schema. Either the file does not exist, or the file is corrupted. options: " + opts
                        + ".\nRerun the streaming query to construct the state schema, and report to the"
                        + " corresponding communities or vendors if the error persists.", "42K03"));
        int partitions = StateSourceSupport.partitions(checkpoint, opts.batchId(), metadata.operatorName());
        if (TwsStateReader.OPERATOR.equals(metadata.operatorName()) || opts.stateVarName() != null) {
            return readStateVariable(session, metadata, opts, partitions);
        }
        View view = view(metadata, opts);
        StructType out = new StructType()
                .add("key", view.keySchema())
                .add("value", view.valueSchema())
                .add("partition_id", DataTypes.IntegerType);
        List<Chunk> chunks = new ArrayList<>();
        Map<String, String> storeSettings = new HashMap<>(session.conf().getAll());
        storeSettings.put(StateStoreConf.PROVIDER_CLASS, metadata.provider());
        StateStoreConf conf = StateStoreConf.from(storeSettings);
        // a join's state in layout version 2 reads as version 1 (Spark's view); its rows' numbers need every meta
        Map<dev.sluice.state.ByteKey, JoinBlockLayout.Meta> metas = new HashMap<>();
        for (int pass = view.kind() == Kind.PLAIN ? 1 : 0; pass < 2; pass++) {
            for (int p = 0; p < partitions; p++) {
                try (StateStoreProvider provider = StateStoreProviders.create(metadata.provider())) {
                    provider.init(new StateStoreId(opts.root(), opts.operatorId(), p), conf);
                    StateStore store = provider.getStore(opts.batchId() + 1);
                    try {
                        if (pass == 0) {
                            JoinBlockLayout.collectMetas(store.iterator(), metas);
                        } else {
                            readPartition(view.kind() == Kind.PLAIN ? store.iterator()
                                    : JoinBlockLayout.asVersion1(store.iterator(), metas), view, p, chunks);
                        }
                    } finally {
                        store.abort();
                    }
                }
            }
        }
        return Dataset.ofRows(session, new LocalRelation(SluiceSession.attributes(out), chunks));
    }

    private static Options options(Map<String, String> options, List<String> paths) {
        Path root = StateSourceSupport.checkpointRoot(paths);
        long operatorId = StateSourceSupport.nonNegative(options, "operatorId", 0);
        String storeName = options.getOrDefault("storeName", OperatorStateMetadata.DEFAULT_STORE).trim();
        if (storeName.isEmpty()) {
            throw StateSourceSupport.error("STDS_INVALID_OPTION_VALUE.IS_EMPTY", "Invalid value for source option"
                    + " 'storeName': cannot be empty.", "42616");
        }
        String joinSide = options.getOrDefault("joinSide", "none").trim().toLowerCase(Locale.ROOT);
        if (!List.of("left", "right", "none").contains(joinSide)) {
            throw StateSourceSupport.invalidOption("joinSide", "Valid values are left,right,none");
        }
        if (!joinSide.equals("none") && !storeName.equals(OperatorStateMetadata.DEFAULT_STORE)) {
            throw StateSourceSupport.error("STDS_CONFLICT_OPTIONS", "The options ['joinSide', 'storeName'] cannot be"
                    + " specified together. Please specify the one.", "42613");
        }
        long batchId = StateSourceSupport.nonNegative(options, "batchId", -1);
        if (batchId < 0) {
            batchId = StateSourceSupport.lastCommitted(new Checkpoint(root)).orElseThrow(() ->
                    StateSourceSupport.error("STDS_COMMITTED_BATCH_UNAVAILABLE", "No committed batch found,"
                            + " checkpoint location: " + root + ". Ensure that the query has run and committed any"
                            + " microbatch before stopping.", "KD006"));
        }
        String stateVarName = options.get("stateVarName");
        if (stateVarName != null && stateVarName.trim().isEmpty()) {
            throw StateSourceSupport.error("STDS_INVALID_OPTION_VALUE.IS_EMPTY", "Invalid value for source option"
                    + " 'stateVarName': cannot be empty.", "42616");
        }
        return new Options(root, operatorId, batchId, storeName, joinSide,
                stateVarName == null ? null : stateVarName.trim());
    }

    /** One state variable of a {@code transformWithState} operator ({@link TwsStateReader}). */
    private static Dataset<Row> readStateVariable(SluiceSession session, OperatorStateMetadata metadata, Options opts,
                                                  int partitions) {
        List<String> stores = metadata.stores().stream().map(OperatorStateMetadata.StoreSchema::name).toList();
        if (!TwsStateReader.OPERATOR.equals(metadata.operatorName())) {
            throw StateSourceSupport.invalidOption("stateVarName", "operator " + opts.operatorId() + " is "
                    + metadata.operatorName() + ", not transformWithState");
        }
        if (opts.stateVarName() == null || !opts.joinSide().equals("none")) {
            throw StateSourceSupport.invalidOption("stateVarName", "operator " + opts.operatorId() + " is"
                    + " transformWithState: set stateVarName to one of " + stores);
        }
        OperatorStateMetadata.StoreSchema store = metadata.store(opts.stateVarName()).orElseThrow(() ->
                StateSourceSupport.invalidOption("stateVarName", "operator " + opts.operatorId() + " has the state"
                        + " variables " + stores));
        TwsStateReader reader = new TwsStateReader(store);
        Map<String, String> storeSettings = new HashMap<>(session.conf().getAll());
        storeSettings.put(StateStoreConf.PROVIDER_CLASS, metadata.provider());
        StateStoreConf conf = StateStoreConf.from(storeSettings);
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            try (StateStoreProvider provider = StateStoreProviders.create(metadata.provider())) {
                provider.init(new StateStoreId(opts.root(), opts.operatorId(), p), conf);
                StateStore state = provider.getStore(opts.batchId() + 1);
                try {
                    reader.read(state.prefixScan(reader.prefix()), p, rows);
                } finally {
                    state.abort();
                }
            }
        }
        List<Chunk> chunks = dev.sluice.analysis.JavaValues.toChunks(rows, reader.schema(), java.time.ZoneOffset.UTC);
        return Dataset.ofRows(session, new LocalRelation(SluiceSession.attributes(reader.schema()), chunks));
    }

    /** How the entries read become rows: which entries, and how their keys and values decode. */
    private enum Kind { PLAIN, JOIN_SIDE, JOIN_COUNTS, JOIN_ROWS }

    private record View(Kind kind, byte tag, StructType keySchema, StructType valueSchema, RowCodec keyCodec,
                        RowCodec valueCodec) {
    }

    private static View view(OperatorStateMetadata metadata, Options opts) {
        List<String> stores = metadata.stores().stream().map(OperatorStateMetadata.StoreSchema::name).toList();
        if (!JOIN.equals(metadata.operatorName())) {
            if (!opts.joinSide().equals("none")) {
                throw StateSourceSupport.invalidOption("joinSide", "operator " + opts.operatorId() + " is "
                        + metadata.operatorName() + ", not a stream-stream join");
            }
            OperatorStateMetadata.StoreSchema store = store(metadata, opts, stores);
            return plain(Kind.PLAIN, (byte) 0, store.keySchema(), store.valueSchema());
        }
        if (!opts.joinSide().equals("none")) {
            // Spark's view of a join side: the buffered rows by join key, without the matched flag
            boolean left = opts.joinSide().equals("left");
            StructType key = metadata.store(opts.joinSide() + "-keyToNumValues").orElseThrow().keySchema();
            StructType row = metadata.store(opts.joinSide() + "-keyWithIndexToValue").orElseThrow().valueSchema();
            StructType value = new StructType(Arrays.copyOf(row.fields(), row.length() - 1));
            return new View(Kind.JOIN_SIDE, JoinStateLayout.rowTag(left), key, value, new RowCodec(key),
                    new RowCodec(row));
        }
        if (opts.storeName().equals(OperatorStateMetadata.DEFAULT_STORE)) {
            throw StateSourceSupport.invalidOption("joinSide", "operator " + opts.operatorId() + " is a"
                    + " stream-stream join: set joinSide to left or right, or storeName to one of " + stores);
        }
        OperatorStateMetadata.StoreSchema store = store(metadata, opts, stores);
        boolean left = store.name().startsWith("left-");
        if (store.name().endsWith("-keyToNumValues")) {
            return new View(Kind.JOIN_COUNTS, JoinStateLayout.countTag(left), store.keySchema(), store.valueSchema(),
                    new RowCodec(store.keySchema()), null);
        }
        StructType keyOnly = new StructType(Arrays.copyOf(store.keySchema().fields(), store.keySchema().length() - 1));
        return new View(Kind.JOIN_ROWS, JoinStateLayout.rowTag(left), store.keySchema(), store.valueSchema(),
                new RowCodec(keyOnly), new RowCodec(store.valueSchema()));
    }

    private static OperatorStateMetadata.StoreSchema store(OperatorStateMetadata metadata, Options opts,
                                                           List<String> stores) {
        return metadata.store(opts.storeName()).orElseThrow(() -> StateSourceSupport.invalidOption("storeName",
                "operator " + opts.operatorId() + " (" + metadata.operatorName() + ") has the stores " + stores));
    }

    private static View plain(Kind kind, byte tag, StructType key, StructType value) {
        return new View(kind, tag, key, value, new RowCodec(key), new RowCodec(value));
    }

    /** Appends the rows of one partition's entries to {@code chunks}, {@link Chunk#DEFAULT_ROWS} at a time. */
    private static void readPartition(Iterator<KeyValue> entries, View view, int partition, List<Chunk> chunks) {
        Batch batch = new Batch(view);
        while (entries.hasNext()) {
            KeyValue kv = entries.next();
            byte[] key = kv.key();
            if (view.kind() != Kind.PLAIN && key[0] != view.tag()) {
                continue; // the other side's, or the other kind of join entry
            }
            switch (view.kind()) {
                case PLAIN -> {
                    view.keyCodec().decodeInto(key, batch.keys);
                    view.valueCodec().decodeInto(kv.value(), batch.values);
                }
                case JOIN_COUNTS -> {
                    view.keyCodec().decodeInto(Arrays.copyOfRange(key, 1, key.length), batch.keys);
                    ((IntVector) batch.values[0]).appendInt(JoinStateLayout.count(kv.value()));
                }
                case JOIN_SIDE -> {
                    view.keyCodec().decodeInto(Arrays.copyOfRange(key, 1, key.length - JoinStateLayout.INDEX_BYTES),
                            batch.keys);
                    view.valueCodec().decodeInto(kv.value(), batch.rowWithFlag);
                }
                case JOIN_ROWS -> {
                    view.keyCodec().decodeInto(Arrays.copyOfRange(key, 1, key.length - JoinStateLayout.INDEX_BYTES),
                            Arrays.copyOf(batch.keys, batch.keys.length - 1));
                    ((IntVector) batch.keys[batch.keys.length - 1]).appendInt(JoinStateLayout.index(key));
                    view.valueCodec().decodeInto(kv.value(), batch.values);
                }
            }
            if (++batch.rows == Chunk.DEFAULT_ROWS) {
                chunks.add(batch.chunk(partition));
                batch = new Batch(view);
            }
        }
        if (batch.rows > 0) {
            chunks.add(batch.chunk(partition));
        }
    }

    /** Growing vectors of the rows of one chunk. */
    private static final class Batch {
        final View view;
        final ColumnVector[] keys;
        final ColumnVector[] values;
        /** A join side's decoded row with its matched flag (the flag is left out of the value). */
        final ColumnVector[] rowWithFlag;
        int rows;

        Batch(View view) {
            this.view = view;
            this.keys = allocate(view.keySchema());
            if (view.kind() == Kind.JOIN_SIDE) {
                StructType full = view.valueCodec().schema();
                this.rowWithFlag = allocate(full);
                this.values = Arrays.copyOf(rowWithFlag, rowWithFlag.length - 1);
            } else {
                this.rowWithFlag = null;
                this.values = allocate(view.valueSchema());
            }
        }

        private static ColumnVector[] allocate(StructType schema) {
            ColumnVector[] out = new ColumnVector[schema.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ColumnVector.allocate(schema.apply(i).dataType(), 16);
            }
            return out;
        }

        Chunk chunk(int partition) {
            IntVector partitionIds = (IntVector) ColumnVector.allocate(DataTypes.IntegerType, rows);
            for (int i = 0; i < rows; i++) {
                partitionIds.appendInt(partition);
            }
            return new Chunk(rows, StructVector.of(view.keySchema(), keys, rows, null),
                    StructVector.of(view.valueSchema(), values, rows, null), partitionIds);
        }
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        throw readOnly(shortName(), mode);
    }

    /** Spark's error for a write to a read-only table (these formats only read a checkpoint). */
    static AnalysisException readOnly(String format, SaveMode mode) {
        String operation = mode == SaveMode.Overwrite ? "truncate in batch mode" : "append in batch mode";
        return new AnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION", "The feature is not supported: Table `"
                + format + "` does not support " + operation + ". Please check the current catalog and namespace to"
                + " make sure the qualified table name is expected, and also check the catalog implementation which is"
                + " configured by \"spark.sql.catalog\".", "0A000");
    }
}
