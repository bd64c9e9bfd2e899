package dev.sluice.nexmark;

/** A Nexmark auction (an item put up for sale); times in epoch milliseconds. Immutable. */
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
                      long expires, long seller, long category, String extra) {
}
