package dev.sluice.nexmark;

/**
 * One event of the Nexmark stream in its one-stream form: {@code eventType} 0 (person), 1 (auction) or 2 (bid),
 * with exactly the matching one of {@code person}, {@code auction}, {@code bid} set. Immutable.
 */
public record Event(int eventType, Person person, Auction auction, Bid bid) {
    public static final int PERSON = 0;
    public static final int AUCTION = 1;
    public static final int BID = 2;

    /** The event time, epoch milliseconds. */
    public long dateTime() {
        return switch (eventType) {
            case PERSON -> person.dateTime();
            case AUCTION -> auction.dateTime();
            default -> bid.dateTime();
        };
    }
}
