package dev.sluice.examples;

/**
 * The examples' replacement for {@code nc -lk 9999}: a line server on 127.0.0.1 that the socket source
 * connects to, and to which a case sends the lines the tutorial types. Implementations are thread-safe.
 */
public interface LineFeed extends AutoCloseable {
    /** The host the socket source should connect to (a loopback address). */
    String host();

    /** The port the server listens on. */
    int port();

    /** Sends {@code lines} to every connected client, each followed by a newline. */
    void send(String... lines);

    /** Stops listening and disconnects the clients. */
    @Override
    void close();
}
