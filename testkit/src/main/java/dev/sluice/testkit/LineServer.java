package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP line server for tests and examples, behaving like {@code nc -lk}: it listens on 127.0.0.1, accepts any
 * number of clients, and {@link #send} writes each line (UTF-8, {@code \n}-terminated) to every client connected
 * at that moment. A client that connects later does not get earlier lines, exactly as with netcat; use
 * {@link #awaitConnections} before sending so a reader under test is known to be connected. What clients send
 * is read and discarded.
 *
 * <p>Threading: the constructor binds and starts one daemon accept thread; each client gets one daemon thread
 * that notices when the client disconnects. {@link #send}, {@link #disconnectClients} and {@link #close} may be
 * called from any thread; sends are serialized, so lines from concurrent calls never interleave within a line.
 * {@link #close} closes every connection and stops the threads; it is idempotent.
 */
public final class LineServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Object connections = new Object();
    private long accepted;
    private volatile boolean closed;

    /** Starts a server on a free port of 127.0.0.1. */
    public LineServer() {
        this(0);
    }

    /** Starts a server on {@code port} of 127.0.0.1 ({@code 0} picks a free port; see {@link #port()}). */
    public LineServer(int port) {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        acceptor = new Thread(this::acceptLoop, "line-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The host clients connect to: {@code 127.0.0.1}. */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Sends {@code lines} to every connected client, each followed by {@code \n}, and flushes. A client whose
     * connection fails is dropped. Returns once the bytes are handed to the operating system.
     *
     * @return the number of clients the lines were written to
     */
    public synchronized int send(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return sendRaw(text.toString());
    }

    /** Sends {@code text} as is (UTF-8, no newline added), e.g. to test partial lines or {@code \r\n}. */
    public synchronized int sendRaw(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int reached = 0;
        for (Socket client : clients) {
            try {
                OutputStream out = client.getOutputStream();
                out.write(bytes);
                out.flush();
                reached++;
            } catch (IOException e) {
                drop(client);
            }
        }
        return reached;
    }

    /** The number of clients connected now (a disconnect is noticed shortly after it happens). */
    public int clientCount() {
        return clients.size();
    }

    /** The number of connections accepted since the server started (never decreases). */
    public long connectionsAccepted() {
        synchronized (connections) {
            return accepted;
        }
    }

    /**
     * Waits until at least {@code total} connections have been accepted since the server started.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}
     */
    public void awaitConnections(long total, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connections) {
            while (accepted < total) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("Line server on port " + port() + ": " + accepted
                            + " connections accepted, expected " + total + " within " + timeout);
                }
                connections.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Closes every client connection (as if netcat were killed) and keeps listening for new clients. */
    public void disconnectClients() {
        for (Socket client : clients) {
            drop(client);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the line server on port " + port(), e);
        } finally {
            disconnectClients();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (SocketException e) {
                return; // the server socket was closed
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            clients.add(client);
            Thread watcher = new Thread(() -> watch(client), "line-server-client-" + client.getPort());
            watcher.setDaemon(true);
            watcher.start();
            synchronized (connections) {
                accepted++;
                connections.notifyAll();
            }
        }
    }

    /** Reads (and discards) what the client sends until it disconnects, then forgets it. */
    private void watch(Socket client) {
        byte[] sink = new byte[1024];
        try (InputStream in = client.getInputStream()) {
            while (in.read(sink) >= 0) {
                // netcat also ignores what a listening client types back
            }
        } catch (IOException e) {
            // the connection broke or was closed by disconnectClients/close: either way it is gone
        } finally {
            drop(client);
        }
    }

    private void drop(Socket client) {
        clients.remove(client);
        try {
            client.close();
        } catch (IOException e) {
            // closing a broken socket can fail; the client is forgotten either way
        }
    }

    /** The ports of the connected clients, for diagnostics. */
    @Override
    public String toString() {
        List<Integer> ports = new ArrayList<>();
        for (Socket c : clients) {
            ports.add(c.getPort());
        }
        return "LineServer[127.0.0.1:" + port() + ", clients " + ports + "]";
    }
}
