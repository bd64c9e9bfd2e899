package dev.sluice.nexmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Nexmark queries as SQL text over the temp views {@code person}, {@code auction} and {@code bid} (see
 * {@link #PERSON_COLUMNS} and friends; the views project the one stream after its watermark), literally the same
 * text on Sluice and on Spark. Where neither engine's streaming SQL can say the whole published query (an
 * aggregate over an aggregate, a ranking), the query keeps the part both can run and {@link #simplification}
 * says what is left out. Immutable.
 */
public enum NexmarkQuery {
    /** Pass-through. */
    Q0("SELECT auction, bidder, price, dateTime, extra FROM bid", "append", null),
    /** Currency conversion: dollars to euros. */
    Q1("SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid", "append", null),
    /** Selection: bids on a few auctions. */
    Q2("SELECT auction, price FROM bid WHERE auction % 123 = 0", "append", null),
    /** Local item suggestion: sellers in three states with auctions in category 10 (person ⋈ auction). */
    Q3("SELECT P.name, P.city, P.state, A.id FROM auction AS A INNER JOIN person AS P ON A.seller = P.id"
            + " WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')", "append", null),
    /**
     * Average closing price per category: auctions joined to their bids (unbounded join state, as published), the
     * highest bid per auction and 10-second tumbling window of the bids, then the average of those per category
     * and window: two stateful aggregations after a stream-stream join, in append mode (the second groups by the
     * first's window column, which carries the watermark).
     */
    Q4("SELECT Q.category, Q.window.start AS starttime, avg(Q.final) AS avgprice"
            + " FROM (SELECT A.category AS category, window(B.dateTime, '10 seconds') AS window,"
            + " max(B.price) AS final FROM auction AS A INNER JOIN bid AS B ON A.id = B.auction"
            + " GROUP BY A.id, A.category, window(B.dateTime, '10 seconds')) AS Q"
            + " GROUP BY Q.category, Q.window", "append",
            "the published q4 takes each auction's highest bid before it expires and averages per category over"
                    + " all time (an unbounded aggregate of an aggregate); here a closing price is an auction's"
                    + " highest bid within a 10-second window, averaged per category and window"),
    /**
     * Hot items: per 10-second window sliding by 2 seconds, the auctions with the most bids. Bids per auction and
     * window, joined on the window to the maximum of those counts per window (an aggregation over an aggregation
     * and a stream-stream join: three stateful operators in a chain, append mode). Spark needs
     * {@code spark.sql.exchange.reuse=false} for it (see {@code SparkNexmark} and benchmarks/README.md).
     */
    Q5("SELECT AB.auction, AB.window.start AS starttime, AB.num FROM (SELECT auction, " + Text.HOP
            + " AS window, count(*) AS num FROM bid GROUP BY auction, " + Text.HOP + ") AS AB INNER JOIN"
            + " (SELECT CB.window AS window, max(CB.num) AS maxn FROM (SELECT auction, " + Text.HOP
            + " AS window, count(*) AS num FROM bid GROUP BY auction, " + Text.HOP + ") AS CB GROUP BY CB.window)"
            + " AS MB ON AB.window = MB.window AND AB.num >= MB.maxn", "append", null),
    /**
     * Highest bid per 10-second tumbling window: the bids whose price is their window's maximum (the bid stream
     * joined to its own windowed maximum on the window, which carries the watermark). The bid side's time is passed
     * as {@code dateTime + INTERVAL 0 SECONDS}: a computed column carries no watermark, and Spark refuses a stream
     * with two event-time columns (the time and its window) at a stateful operator.
     */
    Q7("SELECT B.auction, B.price, B.bidder, B.dateTime FROM (SELECT auction, price, bidder,"
            + " dateTime + INTERVAL 0 SECONDS AS dateTime,"
            + " window(dateTime, '10 seconds') AS w FROM bid) AS B INNER JOIN (SELECT window(dateTime, '10 seconds')"
            + " AS w, max(price) AS maxprice FROM bid GROUP BY window(dateTime, '10 seconds')) AS M"
            + " ON B.w = M.w AND B.price = M.maxprice", "append", null),
    /** New users: people who open an auction within 10 seconds of registering (a time-bounded stream join). */
    Q8("SELECT P.id, P.name, A.reserve FROM person AS P INNER JOIN auction AS A ON P.id = A.seller"
            + " AND A.dateTime >= P.dateTime AND A.dateTime <= P.dateTime + INTERVAL 10 SECONDS", "append",
            "the published q8 joins on equal 10-second tumbling windows; this is the interval-join form, which both"
                    + " engines can bound with the watermark"),
    /** Winning bids: bids at or above the reserve placed while their auction runs (auction ⋈ bid). */
    Q9("SELECT A.id, A.seller, A.category, B.bidder, B.price FROM auction AS A INNER JOIN bid AS B"
            + " ON A.id = B.auction AND B.dateTime >= A.dateTime AND B.dateTime <= A.expires"
            + " AND B.price >= A.reserve", "append",
            "the published q9 then keeps the highest such bid per auction (a ranking over the join); this returns"
                    + " every qualifying bid"),
    /** User sessions: bids per bidder per session with a 10-second gap. */
    Q11("SELECT bidder, count(*) AS bid_count, session_window(dateTime, '10 seconds').start AS starttime,"
            + " session_window(dateTime, '10 seconds').end AS endtime FROM bid"
            + " GROUP BY bidder, session_window(dateTime, '10 seconds')", "append", null),
    /** Bids per bidder in 10-second processing-time windows. */
    Q12("SELECT bidder, count(*) AS bid_count, window(p_time, '10 seconds').start AS starttime"
            + " FROM (SELECT bidder, current_timestamp() AS p_time FROM bid)"
            + " GROUP BY bidder, window(p_time, '10 seconds')", "complete",
            "processing-time windows give timing-dependent rows, so the check compares the bids per bidder summed"
                    + " over windows");

    /**
     * The columns of the {@code person} view, over the one stream filtered to {@code event_type = 0}. Every column
     * is aliased, {@code dateTime} too: the views are self-joined (q3, q8, q9) and a column passed through unaliased
     * would be the same attribute on both sides (on Sluice, a time condition between the sides then compared a
     * column with itself; see benchmarks/README.md).
     */
    public static final String[] PERSON_COLUMNS = {"person.id AS id", "person.name AS name",
        "person.emailAddress AS emailAddress", "person.creditCard AS creditCard", "person.city AS city",
        "person.state AS state", "dateTime AS dateTime", "person.extra AS extra"};
    /** The columns of the {@code auction} view ({@code event_type = 1}). */
    public static final String[] AUCTION_COLUMNS = {"auction.id AS id", "auction.itemName AS itemName",
        "auction.description AS description", "auction.initialBid AS initialBid", "auction.reserve AS reserve",
        "dateTime AS dateTime", "auction.expires AS expires", "auction.seller AS seller",
        "auction.category AS category", "auction.extra AS extra"};
    /** The columns of the {@code bid} view ({@code event_type = 2}). */
    public static final String[] BID_COLUMNS = {"bid.auction AS auction", "bid.bidder AS bidder",
        "bid.price AS price", "bid.channel AS channel", "bid.url AS url", "dateTime AS dateTime", "bid.extra AS extra"};
    /** The watermark delay on {@code dateTime}, applied to the one stream before it is split into views. */
    public static final String WATERMARK = "5 seconds";
    public static final long WATERMARK_MILLIS = 5_000;

    /** SQL fragments the queries share (a nested class: enum constants cannot read the enum's own statics). */
    private static final class Text {
        static final String HOP = "window(dateTime, '10 seconds', '2 seconds')";
    }

    private final String sql;
    private final String outputMode;
    private final String simplification;

    NexmarkQuery(String sql, String outputMode, String simplification) {
        this.sql = sql;
        this.outputMode = outputMode;
        this.simplification = simplification;
    }

    public String sql() {
        return sql;
    }

    public String outputMode() {
        return outputMode;
    }

    /** What this query leaves out of the published one, or null when it is the whole query. */
    public String simplification() {
        return simplification;
    }

    /** {@code q5}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The check sums q12's counts per bidder over its windows; other queries check their rows as they are. */
    public boolean checksTotalsPerBidder() {
        return this == Q12;
    }

    /**
     * Whether the query tests run {@code query}: all of them, or those the system property {@code nexmark.queries}
     * names ({@code -Dnexmark.queries=q4,q7} runs only those).
     */
    public static boolean selectedForTests(NexmarkQuery query) {
        String selected = System.getProperty("nexmark.queries", "").trim();
        return selected.isEmpty() || parse(Arrays.asList(selected.split(","))).contains(query);
    }

    /** The queries named in {@code ids} ({@code q0,q5}; case-insensitive), or all for null/empty. */
    public static List<NexmarkQuery> parse(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Arrays.asList(values());
        }
        return ids.stream().map(id -> {
            try {
                return valueOf(id.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown Nexmark query '" + id + "'; known: "
                        + Arrays.stream(values()).map(NexmarkQuery::id).toList()
                        + " (q6 and q10 are not written: see benchmarks/README.md)", e);
            }
        }).toList();
    }
}
