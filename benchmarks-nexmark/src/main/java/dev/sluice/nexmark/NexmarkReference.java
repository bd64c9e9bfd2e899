package dev.sluice.nexmark;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each {@link NexmarkQuery}'s expected output computed in plain Java over the generated events, as a
 * {@link ResultDigest}: what a streaming engine's run must match. Window and session results count only the
 * windows an append-mode query has emitted when the stream ends, those ending at or before the final watermark
 * (the largest event time minus {@link NexmarkQuery#WATERMARK_MILLIS}); joins count every matching pair, which
 * holds for streams in event-time order ({@code outOfOrderGroupSize} 1), where no row is late. Not thread-safe.
 */
public final class NexmarkReference {
    private static final BigDecimal EURO_RATE = new BigDecimal("0.908");
    private static final long SLIDE = 2_000;
    private static final long SIZE = 10_000;
    private static final long GAP = 10_000;

    private final List<Person> people = new ArrayList<>();
    private final List<Auction> auctions = new ArrayList<>();
    private final List<Bid> bids = new ArrayList<>();
    private long maxTime = Long.MIN_VALUE;

    /** The first {@code events} events of the generator's stream. */
    public NexmarkReference(NexmarkGenerator generator, long events) {
        for (long i = 0; i < events; i++) {
            Event e = generator.event(i);
            maxTime = Math.max(maxTime, e.dateTime());
            switch (e.eventType()) {
                case Event.PERSON -> people.add(e.person());
                case Event.AUCTION -> auctions.add(e.auction());
                default -> bids.add(e.bid());
            }
        }
    }

    private long finalWatermark() {
        return maxTime - NexmarkQuery.WATERMARK_MILLIS;
    }

    private static Timestamp ts(long millis) {
        return new Timestamp(millis);
    }

    /** The expected output of {@code query}. */
    public ResultDigest expected(NexmarkQuery query) {
        ResultDigest d = new ResultDigest();
        switch (query) {
            case Q0 -> bids.forEach(b -> d.add(b.auction(), b.bidder(), b.price(), ts(b.dateTime()), b.extra()));
            case Q1 -> bids.forEach(b -> d.add(b.auction(), b.bidder(),
                    EURO_RATE.multiply(BigDecimal.valueOf(b.price())), ts(b.dateTime()), b.extra()));
            case Q2 -> bids.stream().filter(b -> b.auction() % 123 == 0).forEach(b -> d.add(b.auction(), b.price()));
            case Q3 -> q3(d);
            case Q4 -> q4(d);
            case Q5 -> q5(d);
            case Q7 -> q7(d);
            case Q8 -> q8(d);
            case Q9 -> q9(d);
            case Q11 -> q11(d);
            case Q12 -> {
                Map<Long, Long> perBidder = new TreeMap<>();
                bids.forEach(b -> perBidder.merge(b.bidder(), 1L, Long::sum));
                perBidder.forEach((bidder, count) -> d.add(bidder, count));
            }
            default -> throw new IllegalArgumentException("no reference for " + query);
        }
        return d;
    }

    private Map<Long, List<Person>> peopleById() {
        Map<Long, List<Person>> byId = new HashMap<>();
        people.forEach(p -> byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p));
        return byId;
    }

    private void q3(ResultDigest d) {
        Map<Long, List<Person>> byId = peopleById();
        for (Auction a : auctions) {
            if (a.category() != 10) {
                continue;
            }
            for (Person p : byId.getOrDefault(a.seller(), List.of())) {
                if (p.state().equals("OR") || p.state().equals("ID") || p.state().equals("CA")) {
                    d.add(p.name(), p.city(), p.state(), a.id());
                }
            }
        }
    }

    /** Max bid per (auction, window of the bid), then the average of those per category and window. */
    private void q4(ResultDigest d) {
        Map<Long, List<Auction>> byId = new HashMap<>();
        auctions.forEach(a -> byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a));
        Map<List<Long>, Long> closing = new HashMap<>(); // (auction, category, window start) -> max price
        for (Bid b : bids) {
            for (Auction a : byId.getOrDefault(b.auction(), List.of())) {
                closing.merge(List.of(a.id(), a.category(), window(b.dateTime())), b.price(), Math::max);
            }
        }
        Map<List<Long>, long[]> perCategory = new HashMap<>(); // (category, window start) -> {sum, count}
        closing.forEach((key, price) -> {
            long[] sumCount = perCategory.computeIfAbsent(List.of(key.get(1), key.get(2)), k -> new long[2]);
            sumCount[0] += price;
            sumCount[1]++;
        });
        perCategory.forEach((key, sumCount) -> {
            if (key.get(1) + SIZE <= finalWatermark()) {
                d.add(key.get(0), ts(key.get(1)), (double) sumCount[0] / sumCount[1]);
            }
        });
    }

    private static long window(long millis) {
        return Math.floorDiv(millis, SIZE) * SIZE;
    }

    private void q5(ResultDigest d) {
        Map<List<Long>, Long> counts = new HashMap<>();
        for (Bid b : bids) {
            long lastStart = Math.floorDiv(b.dateTime(), SLIDE) * SLIDE;
            for (long start = lastStart; start > b.dateTime() - SIZE; start -= SLIDE) {
                counts.merge(List.of(b.auction(), start), 1L, Long::sum);
            }
        }
        Map<Long, Long> maxPerWindow = new HashMap<>();
        counts.forEach((key, count) -> maxPerWindow.merge(key.get(1), count, Math::max));
        counts.forEach((key, count) -> {
            if (key.get(1) + SIZE <= finalWatermark() && count >= maxPerWindow.get(key.get(1))) {
                d.add(key.get(0), ts(key.get(1)), count);
            }
        });
    }

    private void q7(ResultDigest d) {
        Map<Long, Long> max = new HashMap<>();
        for (Bid b : bids) {
            max.merge(window(b.dateTime()), b.price(), Math::max);
        }
        for (Bid b : bids) {
            long start = window(b.dateTime());
            if (start + SIZE <= finalWatermark() && b.price() == max.get(start)) {
                d.add(b.auction(), b.price(), b.bidder(), ts(b.dateTime()));
            }
        }
    }

    private void q8(ResultDigest d) {
        Map<Long, List<Person>> byId = peopleById();
        for (Auction a : auctions) {
            for (Person p : byId.getOrDefault(a.seller(), List.of())) {
                if (a.dateTime() >= p.dateTime() && a.dateTime() <= p.dateTime() + 10_000) {
                    d.add(p.id(), p.name(), a.reserve());
                }
            }
        }
    }

    private void q9(ResultDigest d) {
        Map<Long, List<Auction>> byId = new HashMap<>();
        auctions.forEach(a -> byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a));
        for (Bid b : bids) {
            for (Auction a : byId.getOrDefault(b.auction(), List.of())) {
                if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires() && b.price() >= a.reserve()) {
                    d.add(a.id(), a.seller(), a.category(), b.bidder(), b.price());
                }
            }
        }
    }

    private void q11(ResultDigest d) {
        Map<Long, List<Long>> times = new HashMap<>();
        bids.forEach(b -> times.computeIfAbsent(b.bidder(), k -> new ArrayList<>()).add(b.dateTime()));
        times.forEach((bidder, list) -> {
            list.sort(null);
            long start = list.get(0);
            long end = start + GAP;
            long count = 1;
            for (int i = 1; i < list.size(); i++) {
                long t = list.get(i);
                if (t < end) {
                    end = Math.max(end, t + GAP);
                    count++;
                } else {
                    emitSession(d, bidder, count, start, end);
                    start = t;
                    end = t + GAP;
                    count = 1;
                }
            }
            emitSession(d, bidder, count, start, end);
        });
    }

    private void emitSession(ResultDigest d, long bidder, long count, long start, long end) {
        if (end <= finalWatermark()) {
            d.add(bidder, count, ts(start), ts(end));
        }
    }
}
