package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link LineServer} behaves as {@code nc -lk}: loopback only, broadcast to the clients connected at send time. */
class LineServerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static BufferedReader reader(Socket socket) throws Exception {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void bindsALoopbackPortChosenBySystem() {
        try (LineServer server = new LineServer()) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void broadcastsEachLineToEveryConnectedClient() throws Exception {
        try (LineServer server = new LineServer();
             Socket a = new Socket(server.host(), server.port());
             Socket b = new Socket(server.host(), server.port())) {
            server.awaitConnections(2, PATIENCE);
            assertThat(server.send("hola", "año")).isEqualTo(2);
            BufferedReader ra = reader(a);
            BufferedReader rb = reader(b);
            assertThat(ra.readLine()).isEqualTo("hola");
            assertThat(ra.readLine()).isEqualTo("año");
            assertThat(rb.readLine()).isEqualTo("hola");
            assertThat(rb.readLine()).isEqualTo("año");
        }
    }

    @Test
    void aLateClientDoesNotGetEarlierLines() throws Exception {
        try (LineServer server = new LineServer()) {
            assertThat(server.send("nobody hears this")).isZero();
            try (Socket late = new Socket(server.host(), server.port())) {
                server.awaitConnections(1, PATIENCE);
                server.send("first heard");
                assertThat(reader(late).readLine()).isEqualTo("first heard");
            }
        }
    }

    @Test
    void disconnectClientsClosesConnectionsAndKeepsListening() throws Exception {
        try (LineServer server = new LineServer()) {
            try (Socket first = new Socket(server.host(), server.port())) {
                server.awaitConnections(1, PATIENCE);
                server.disconnectClients();
                assertThat(reader(first).readLine()).isNull();
            }
            try (Socket second = new Socket(server.host(), server.port())) {
                server.awaitConnections(2, PATIENCE);
                server.sendRaw("partial");
                server.disconnectClients();
                assertThat(reader(second).readLine()).isEqualTo("partial");
            }
            assertThat(server.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void closeEndsClientConnectionsAndIsIdempotent() throws Exception {
        LineServer server = new LineServer();
        try (Socket client = new Socket(server.host(), server.port())) {
            server.awaitConnections(1, PATIENCE);
            server.close();
            server.close();
            assertThat(reader(client).readLine()).isNull();
        }
    }
}
