package dev.sluice.connectors.socket;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.RealTimeReader;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.StructType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code format("socket")}: UTF-8 lines read from a TCP server (for tutorials and debugging, as Spark's socket
 * source), one row per line, with the line's arrival time when {@code includeTimestamp} is set.
 *
 * <p><b>Offsets.</b> As Spark's {@code TextSocketSource}: the offset of a line is a counter over the lines the
 * query has received ({@code 0} for the first line); a batch's offset is the counter of its last line, as JSON.
 * Received lines are kept in memory until the batch holding them is committed ({@link #commit} drops them).
 * A restarted query continues the counter from its checkpoint.
 *
 * <p><b>Not replayable.</b> Lines live only in this process: what the server sent while no query was connected
 * is never seen, and after a restart the lines an earlier run received are gone. Precisely, after a stop or
 * crash the loss window is: (a) lines received but not yet planned into a batch (never in the offset log, so
 * nothing notices; a clean {@code stop()} loses only these), (b) lines of the last batch when it was planned but
 * not committed (a crash mid-batch): the restart must re-run that batch and cannot. For (b) the query fails at
 * restart naming the offsets and {@code host:port}, unless the option {@code failOnDataLoss} is {@code false},
 * in which case that batch is re-run without rows and a warning is logged; and (c) whatever the server sends
 * until the restarted query has connected.
 *
 * <p><b>Connection.</b> The source connects when the query starts (at most {@link #CONNECT_TIMEOUT_MS}); if the
 * server cannot be reached the query fails with an error naming {@code host:port}. It does not reconnect: when
 * the server closes the connection (or it breaks), every line received before is still processed, then the
 * query fails naming {@code host:port} and the number of lines received, so a lost feed never looks like a quiet
 * one. Restart the query once the server is back.
 *
 * <p><b>Threading.</b> The engine calls the {@link Source} methods from the query thread; lines arrive on the
 * connection's Netty thread. Both go through this object's monitor.
 */
public final class TextSocketSource implements Source, SupportsRealTime {
    /** How often a real-time reader asks for new data while waiting. */

    /** How long the source waits for the TCP connection when the query starts. */
    public static final int CONNECT_TIMEOUT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(TextSocketSource.class);

    private final SocketSourceOptions options;
    private final StructType schema;
    private final LineBuffer buffer = new LineBuffer(-1);
    /** Wakes a real-time reader when lines arrived or the connection closed. */
    private final RealTimeReader.Signal arrivals = new RealTimeReader.Signal();
    private final SocketLineClient client;
    /** Whether the offsets of {@link #buffer} are tied to the query's offset log yet (see {@link #anchor}). */
    private boolean anchored;
    private long linesReceived;
    private boolean connectionClosed;
    private Throwable closeCause;
    private boolean stopping;

    TextSocketSource(SocketSourceOptions options, StructType schema) {
        this.options = options;
        this.schema = schema;
        try {
            this.client = SocketLineClient.connect(options.host(), options.port(), CONNECT_TIMEOUT_MS, new Receiver());
        } catch (Exception e) {
            throw new SluiceException("SLUICE_SOCKET_SOURCE.CONNECT_FAILED", "Cannot connect to the socket source at "
                    + options.address() + ": " + e.getMessage(), "08001", e);
        }
        LOG.info("Connected to the socket source at {}", options.address());
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public synchronized Offset latestOffset(Offset start, ReadLimit limit) {
        long startIndex = start == null ? -1 : index(start);
        anchor(startIndex);
        if (connectionClosed && buffer.lastOffset() <= startIndex) {
            throw disconnected();
        }
        return buffer.lastOffset() < 0 ? null : Offset.of(Long.toString(buffer.lastOffset()));
    }

    @Override
    public synchronized Offset reportLatestOffset() {
        return anchored && buffer.lastOffset() >= 0 ? Offset.of(Long.toString(buffer.lastOffset())) : null;
    }

    @Override
    public synchronized List<Chunk> read(Offset start, Offset end) {
        long from = start == null ? -1 : index(start);
        long to = index(end);
        if (!anchored) {
            // The first call of this run is a re-run of a batch planned by an earlier run: its lines are gone.
            anchor(to);
            return lost(from, to);
        }
        if (from < buffer.base() || to > buffer.lastOffset()) {
            throw new IllegalStateException("The socket source at " + options.address() + " holds lines ("
                    + buffer.base() + ", " + buffer.lastOffset() + "], not the requested range (" + from + ", " + to + "]");
        }
        return buffer.chunks(from, to, options.includeTimestamp());
    }

    @Override
    public synchronized void commit(Offset end) {
        long to = index(end);
        if (!anchored) {
            anchor(to);
            return;
        }
        if (to < buffer.base()) {
            throw new IllegalStateException("Offsets committed out of order: " + buffer.base() + " followed by " + to
                    + " (socket source at " + options.address() + ")");
        }
        buffer.dropThrough(to);
    }

    @Override
    public Offset deserializeOffset(String json) {
        return Offset.of(Long.toString(Long.parseLong(json.trim())));
    }

    @Override
    public void stop() {
        synchronized (this) {
            stopping = true;
        }
        client.close();
    }

    @Override
    public String description() {
        return "TextSocketV2[host: " + options.host() + ", port: " + options.port() + "]";
    }

    @Override
    public String toString() {
        return description();
    }

    /**
     * Ties the buffered lines to the query's offsets on the first call of this run: the line after
     * {@code lastOffset} (the end of the last batch in the checkpoint, -1 for a new query) is the first line this
     * connection received, so the counter continues where the checkpoint left off.
     */
    private void anchor(long lastOffset) {
        if (!anchored) {
            buffer.rebase(lastOffset);
            anchored = true;
        }
    }

    private List<Chunk> lost(long from, long to) {
        String what = "The socket source at " + options.address() + " cannot re-read lines " + (from + 1) + " to " + to
                + " of the batch being re-run after a restart: an earlier run of this query received them, and the"
                + " socket source keeps lines only in memory (it is not replayable).";
        if (options.failOnDataLoss()) {
            throw new SluiceException("SLUICE_SOCKET_SOURCE.DATA_LOSS", what + " Set the source option failOnDataLoss"
                    + " to false to run the batch without them, or start the query with a new checkpoint location.",
                    "22000", null);
        }
        LOG.warn("{} Running the batch without them (failOnDataLoss=false).", what);
        return List.of();
    }

    private SluiceException disconnected() {
        String how = closeCause == null ? "was closed by the server" : "failed: " + closeCause;
        return new SluiceException("The connection to the socket source at " + options.address() + " " + how
                + " after " + linesReceived + " lines, all of which were processed. The socket source does not"
                + " reconnect; restart the query when the server is back.", closeCause);
    }

    private static long index(Offset offset) {
        return Long.parseLong(offset.json().trim());
    }

    /** Called on the Netty thread. */
    private final class Receiver implements SocketLineClient.Listener {
        @Override
        public void onLines(List<String> lines) {
            long micros = System.currentTimeMillis() * 1000; // arrival time, at Spark's millisecond precision
            synchronized (TextSocketSource.this) {
                for (String line : lines) {
                    buffer.append(line, micros);
                }
                linesReceived += lines.size();
            }
            arrivals.arrived();
        }

        @Override
        public void onClosed(Throwable cause) {
            synchronized (TextSocketSource.this) {
                connectionClosed = true;
                closeCause = cause;
                if (!stopping) {
                    LOG.warn("The connection to the socket source at {} ended after {} lines{}", options.address(),
                            linesReceived, cause == null ? "" : ": " + cause);
                }
            }
            arrivals.arrived(); // a reader waiting for lines sees the end of the stream
        }
    }

    /**
     * Real-time mode: {@link RealTimeReader#polling} over this source, whose latest offset is cheap to ask for, so
     * the query sees lines as they are received: the receiving thread wakes the reader.
     */
    @Override
    public RealTimeReader realTimeReader(Offset start) {
        return RealTimeReader.polling(this, start, arrivals);
    }

}
