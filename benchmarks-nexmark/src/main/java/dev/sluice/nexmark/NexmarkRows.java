package dev.sluice.nexmark;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.StructType;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Nexmark's one-stream schema and the chunks of a range of the stream. The schema ({@link #DDL}) is the form of
 * the Flink/RisingWave Nexmark suites: {@code event_type} (0 person, 1 auction, 2 bid), one struct per kind (null
 * for the other kinds) and the event time {@code dateTime} at the top level, so that one watermark covers the
 * stream. It is plain DDL, so Spark reads the same rows from JSON or Parquet files with the same schema.
 * Stateless.
 */
public final class NexmarkRows {
    /** The schema as DDL, for {@code StructType.fromDDL} on Sluice and on Spark. */
    public static final String DDL = "event_type INT, "
            + "person STRUCT<id: BIGINT, name: STRING, emailAddress: STRING, creditCard: STRING, city: STRING,"
            + " state: STRING, dateTime: TIMESTAMP, extra: STRING>, "
            + "auction STRUCT<id: BIGINT, itemName: STRING, description: STRING, initialBid: BIGINT, reserve: BIGINT,"
            + " dateTime: TIMESTAMP, expires: TIMESTAMP, seller: BIGINT, category: BIGINT, extra: STRING>, "
            + "bid STRUCT<auction: BIGINT, bidder: BIGINT, price: BIGINT, channel: STRING, url: STRING,"
            + " dateTime: TIMESTAMP, extra: STRING>, "
            + "dateTime TIMESTAMP";

    public static final StructType SCHEMA = StructType.fromDDL(DDL);

    private NexmarkRows() {
    }

    /** The events {@code [from, to)} of the stream, made as the iterator advances, in chunks of up to 4096. */
    public static Iterator<Chunk> chunks(NexmarkGenerator generator, long from, long to) {
        return new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Chunk next() {
                if (next >= to) {
                    throw new NoSuchElementException();
                }
                int rows = (int) Math.min(Chunk.DEFAULT_ROWS, to - next);
                Chunk chunk = chunk(generator, next, rows);
                next += rows;
                return chunk;
            }
        };
    }

    /** {@code rows} events from {@code first} on as one chunk. */
    static Chunk chunk(NexmarkGenerator generator, long first, int rows) {
        ColumnVector[] columns = new ColumnVector[SCHEMA.length()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ColumnVector.allocate(SCHEMA.apply(c).dataType(), rows);
        }
        StructVector persons = (StructVector) columns[1];
        StructVector auctions = (StructVector) columns[2];
        StructVector bids = (StructVector) columns[3];
        for (int r = 0; r < rows; r++) {
            Event e = generator.event(first + r);
            columns[0].appendInt(e.eventType());
            appendPerson(persons, e.person());
            appendAuction(auctions, e.auction());
            appendBid(bids, e.bid());
            columns[4].appendLong(e.dateTime() * 1000);
        }
        return new Chunk(rows, columns);
    }

    private static void appendPerson(StructVector v, Person p) {
        if (p == null) {
            v.appendNull();
            return;
        }
        v.child(0).appendLong(p.id());
        v.child(1).appendString(p.name());
        v.child(2).appendString(p.emailAddress());
        v.child(3).appendString(p.creditCard());
        v.child(4).appendString(p.city());
        v.child(5).appendString(p.state());
        v.child(6).appendLong(p.dateTime() * 1000);
        v.child(7).appendString(p.extra());
        v.appendRowFromChildren();
    }

    private static void appendAuction(StructVector v, Auction a) {
        if (a == null) {
            v.appendNull();
            return;
        }
        v.child(0).appendLong(a.id());
        v.child(1).appendString(a.itemName());
        v.child(2).appendString(a.description());
        v.child(3).appendLong(a.initialBid());
        v.child(4).appendLong(a.reserve());
        v.child(5).appendLong(a.dateTime() * 1000);
        v.child(6).appendLong(a.expires() * 1000);
        v.child(7).appendLong(a.seller());
        v.child(8).appendLong(a.category());
        v.child(9).appendString(a.extra());
        v.appendRowFromChildren();
    }

    private static void appendBid(StructVector v, Bid b) {
        if (b == null) {
            v.appendNull();
            return;
        }
        v.child(0).appendLong(b.auction());
        v.child(1).appendLong(b.bidder());
        v.child(2).appendLong(b.price());
        v.child(3).appendString(b.channel());
        v.child(4).appendString(b.url());
        v.child(5).appendLong(b.dateTime() * 1000);
        v.child(6).appendString(b.extra());
        v.appendRowFromChildren();
    }
}
