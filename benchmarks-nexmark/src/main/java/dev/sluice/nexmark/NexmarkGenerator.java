package dev.sluice.nexmark;

/**
 * The Nexmark event stream, written here from the published model of the Beam and Flink Nexmark generators:
 *
 * <ul>
 *   <li>Of every 50 consecutive event numbers, 1 is a person, 3 are auctions and 46 are bids (1:3:46).</li>
 *   <li>People and auctions get consecutive ids from 1000. A new auction's seller and a bid's bidder are a "hot"
 *       person (one of every 4th recent person) with probability 3/4, else one of the last 1000 people (plus a
 *       lead of 10 ids not created yet); a bid's auction is a hot auction (every 2nd recent auction) with
 *       probability 1/2, else one of the last 100 auctions in flight (plus a lead of 10). So ids refer to
 *       earlier events, up to that lead.</li>
 *   <li>Event time: event number {@code n} happens at {@code baseTime + n * 1000 / eventsPerSecond} ms. With
 *       {@code outOfOrderGroupSize} {@code g > 1}, the {@code i}-th event of the stream is event number
 *       {@code (i / g) * g + (i * 953) mod g}: a permutation within each group, so event time trails the maximum
 *       seen by less than {@code g} events' time.</li>
 *   <li>Prices are {@code round(10^(6u) * 100)} for uniform {@code u}; 5 categories from 10; auctions run for a
 *       random time of up to twice the time 100 auctions take to appear; people live in 6 US states and 10
 *       cities; {@code extra} pads the average record to 200 (person), 500 (auction) and 100 (bid) bytes.</li>
 * </ul>
 *
 * <p>Event {@code i} depends only on the config and {@code i} (its draws are seeded from both), so any range of
 * the stream can be made again, alone, with identical contents: what makes the {@code nexmark} source
 * replayable. Immutable and thread-safe.
 */
public final class NexmarkGenerator {
    static final int PERSON_PROPORTION = 1;
    static final int AUCTION_PROPORTION = 3;
    static final int BID_PROPORTION = 46;
    static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;
    static final long FIRST_PERSON_ID = 1000;
    static final long FIRST_AUCTION_ID = 1000;
    static final long FIRST_CATEGORY_ID = 10;
    static final int NUM_CATEGORIES = 5;
    static final int NUM_ACTIVE_PEOPLE = 1000;
    static final int NUM_IN_FLIGHT_AUCTIONS = 100;
    static final int PERSON_ID_LEAD = 10;
    static final int AUCTION_ID_LEAD = 10;
    static final int HOT_AUCTION_RATIO = 2;
    static final int HOT_SELLER_RATIO = 4;
    static final int HOT_BIDDER_RATIO = 4;
    private static final int PERSON_AVERAGE_SIZE = 200;
    private static final int AUCTION_AVERAGE_SIZE = 500;
    private static final int BID_AVERAGE_SIZE = 100;

    static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    static final String[] US_CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
        "Redmond", "Seattle", "Kent", "Cheyenne"};
    static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie",
        "Sarah", "Deiter", "Walter"};
    static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith",
        "Jones", "Noris"};
    static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final int CHANNELS = 10_000;

    /**
     * Letters and spaces that strings are cut from: random text per character would cost more than the rest of an
     * event together, and a window into fixed random text is as good for the queries (none reads the text).
     */
    private static final String TEXT_POOL = textPool();

    private final NexmarkConfig config;

    public NexmarkGenerator(NexmarkConfig config) {
        this.config = config;
    }

    public NexmarkConfig config() {
        return config;
    }

    /** The {@code index}-th event of the stream (0-based). */
    public Event event(long index) {
        long number = eventNumber(index);
        long time = timestampOf(number);
        EventRandom random = new EventRandom(config.seed(), number);
        long rem = number % TOTAL_PROPORTION;
        if (rem < PERSON_PROPORTION) {
            return new Event(Event.PERSON, person(number, random, time), null, null);
        } else if (rem < PERSON_PROPORTION + AUCTION_PROPORTION) {
            return new Event(Event.AUCTION, null, auction(number, random, time), null);
        }
        return new Event(Event.BID, null, null, bid(number, random, time));
    }

    /** The event number (which decides kind, ids and time) of the {@code index}-th event of the stream. */
    long eventNumber(long index) {
        int g = config.outOfOrderGroupSize();
        if (g == 1) {
            return index;
        }
        return (index / g) * g + Math.floorMod(index * 953, g);
    }

    /** The event time of event number {@code number}, epoch milliseconds. */
    long timestampOf(long number) {
        return config.baseTimeMillis() + Math.multiplyExact(number, 1000L) / config.eventsPerSecond();
    }

    /** The kind of the {@code index}-th event, without making it. */
    public int eventType(long index) {
        long rem = eventNumber(index) % TOTAL_PROPORTION;
        return rem < PERSON_PROPORTION ? Event.PERSON
                : rem < PERSON_PROPORTION + AUCTION_PROPORTION ? Event.AUCTION : Event.BID;
    }

    // ---- ids -------------------------------------------------------------------------------------------------

    /** The id (from 0) of the last person made at or before event number {@code number}. */
    static long lastBase0PersonId(long number) {
        long epoch = number / TOTAL_PROPORTION;
        long offset = number % TOTAL_PROPORTION;
        if (offset >= PERSON_PROPORTION) {
            offset = PERSON_PROPORTION - 1;
        }
        return epoch * PERSON_PROPORTION + offset;
    }

    /** The id (from 0) of the last auction made at or before event number {@code number} (-1 before the first). */
    static long lastBase0AuctionId(long number) {
        long epoch = number / TOTAL_PROPORTION;
        long offset = number % TOTAL_PROPORTION;
        if (offset < PERSON_PROPORTION) {
            epoch--;
            offset = AUCTION_PROPORTION - 1;
        } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
            offset = AUCTION_PROPORTION - 1;
        } else {
            offset -= PERSON_PROPORTION;
        }
        return epoch * AUCTION_PROPORTION + offset;
    }

    private static long nextBase0PersonId(long number, EventRandom random) {
        long people = lastBase0PersonId(number) + 1;
        long active = Math.min(people, NUM_ACTIVE_PEOPLE);
        return people - active + random.nextLong(active + PERSON_ID_LEAD);
    }

    private static long nextBase0AuctionId(long number, EventRandom random) {
        long max = Math.max(lastBase0AuctionId(number), 0);
        long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
        return min + random.nextLong(max - min + 1 + AUCTION_ID_LEAD);
    }

    // ---- events ----------------------------------------------------------------------------------------------

    private Person person(long number, EventRandom random, long time) {
        long id = lastBase0PersonId(number) + FIRST_PERSON_ID;
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = text(random, 7) + "@" + text(random, 5) + ".com";
        String card = String.format("%04d %04d %04d %04d", random.nextInt(10_000), random.nextInt(10_000),
                random.nextInt(10_000), random.nextInt(10_000));
        String city = US_CITIES[random.nextInt(US_CITIES.length)];
        String state = US_STATES[random.nextInt(US_STATES.length)];
        int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length();
        return new Person(id, name, email, card, city, state, time, extra(random, size, PERSON_AVERAGE_SIZE));
    }

    private Auction auction(long number, EventRandom random, long time) {
        long id = lastBase0AuctionId(number) + FIRST_AUCTION_ID;
        long seller = random.nextInt(HOT_SELLER_RATIO) > 0
                ? (lastBase0PersonId(number) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
                : nextBase0PersonId(number, random);
        long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
        long initialBid = price(random);
        long reserve = initialBid + price(random);
        String itemName = text(random, 20);
        String description = text(random, 100);
        // An auction runs for up to twice the time the next NUM_IN_FLIGHT_AUCTIONS auctions take to appear.
        long eventsForAuctions = (long) NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION / AUCTION_PROPORTION;
        long horizon = timestampOf(number + eventsForAuctions) - time;
        long expires = time + 1 + random.nextLong(Math.max(horizon * 2, 1));
        int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        return new Auction(id, itemName, description, initialBid, reserve, time, expires,
                seller + FIRST_PERSON_ID, category, extra(random, size, AUCTION_AVERAGE_SIZE));
    }

    private Bid bid(long number, EventRandom random, long time) {
        long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
                ? (lastBase0AuctionId(number) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
                : nextBase0AuctionId(number, random);
        long bidder = random.nextInt(HOT_BIDDER_RATIO) > 0
                ? (lastBase0PersonId(number) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
                : nextBase0PersonId(number, random);
        long price = price(random);
        String channel;
        String url;
        if (random.nextInt(2) > 0) {
            int hot = random.nextInt(HOT_CHANNELS.length);
            channel = HOT_CHANNELS[hot];
            url = "https://www.nexmark.com/" + channel.toLowerCase(java.util.Locale.ROOT) + "/item.htm?query=1";
        } else {
            int c = random.nextInt(CHANNELS);
            channel = "channel-" + c;
            url = "https://www.nexmark.com/" + text(random, 5) + "/" + text(random, 5) + "/item.htm?query=1"
                    + "&channel_id=" + c;
        }
        return new Bid(Math.max(auction, 0) + FIRST_AUCTION_ID, bidder + FIRST_PERSON_ID, price, channel, url, time,
                extra(random, 32, BID_AVERAGE_SIZE));
    }

    private static long price(EventRandom random) {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    /** Text of 3 to {@code maxLength - 1} characters (at least 1). */
    private static String text(EventRandom random, int maxLength) {
        int length = maxLength <= 3 ? 1 : 3 + random.nextInt(maxLength - 3);
        return window(random, length);
    }

    private static String window(EventRandom random, int length) {
        int start = random.nextInt(TEXT_POOL.length() - length);
        return TEXT_POOL.substring(start, start + length);
    }

    /** Padding that brings a record of {@code size} bytes to {@code average} on average (±20%). */
    private static String extra(EventRandom random, int size, int average) {
        if (size > average) {
            return "";
        }
        int target = average - size;
        int delta = (int) Math.round(target * 0.2);
        int length = target - delta + random.nextInt(2 * delta + 1);
        return length == 0 ? "" : window(random, length);
    }

    private static String textPool() {
        EventRandom random = new EventRandom(0x4E45584DL, 0);
        char[] chars = new char[1 << 16];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = random.nextInt(13) == 0 ? ' ' : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
