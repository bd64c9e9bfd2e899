package dev.sluice.nexmark;

/** A Nexmark person (a new user); {@code dateTime} in epoch milliseconds. Immutable. */
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
                     long dateTime, String extra) {
}
