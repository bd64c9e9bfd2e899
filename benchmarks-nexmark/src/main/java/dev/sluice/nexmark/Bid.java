package dev.sluice.nexmark;

/** A Nexmark bid on an auction; {@code dateTime} in epoch milliseconds. Immutable. */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra) {
}
