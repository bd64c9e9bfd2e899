package dev.sluice.checkpoint;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes a chunk for state snapshots: the column types (so a restore with a changed query fails with
 * a clear message), the row count, then the internal values column by column. Stateless.
 */
public final class ChunkCodec {
    private ChunkCodec() {
    }

    public static byte[] encode(Chunk chunk, List<DataType> types) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(types.size());
            for (DataType t : types) {
                out.writeUTF(t.simpleString());
            }
            out.writeInt(chunk.rowCount());
            for (int c = 0; c < types.size(); c++) {
                ColumnVector v = chunk.column(c);
                for (int r = 0; r < chunk.rowCount(); r++) {
                    out.writeObject(v.getObject(r));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize state: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a chunk written by {@link #encode}, checking that its column types are {@code types}.
     *
     * @param what names the snapshot in error messages (file and operator)
     */
    public static Chunk decode(byte[] data, List<DataType> types, String what) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            int columns = in.readInt();
            List<String> stored = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                stored.add(in.readUTF());
            }
            List<String> expected = types.stream().map(DataType::simpleString).toList();
            if (!stored.equals(expected)) {
                throw new CheckpointException("INCOMPATIBLE_STATE", "State " + what + " has columns " + stored
                        + " but the query now needs " + expected + ": the query changed in a way its checkpoint"
                        + " cannot follow; start it with a new checkpointLocation", null);
            }
            int rows = in.readInt();
            ColumnVector[] vectors = new ColumnVector[columns];
            for (int c = 0; c < columns; c++) {
                vectors[c] = ColumnVector.allocate(types.get(c), Math.max(rows, 1));
                for (int r = 0; r < rows; r++) {
                    vectors[c].appendObject(in.readObject());
                }
            }
            return new Chunk(rows, vectors);
        } catch (IOException | ClassNotFoundException e) {
            throw new CheckpointException("CORRUPTED_FILE", "State " + what + " cannot be decoded: " + e, e);
        }
    }
}
