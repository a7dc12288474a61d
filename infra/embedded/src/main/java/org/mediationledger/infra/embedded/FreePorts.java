package org.mediationledger.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a free TCP port on the loopback interface. */
public final class FreePorts {

    /**
     * Below Linux's default ephemeral range (32768-60999). A port is picked seconds before its service
     * binds it; picked inside the ephemeral range, an outgoing connection made meanwhile (JDBC, Kafka)
     * may be given that very port as its local end, and the service then fails to start.
     */
    private static final int LOWEST = 15000;
    private static final int HIGHEST = 32000;

    private FreePorts() {
    }

    /**
     * A port that was free a moment ago, outside the ephemeral range when one can be found there. There is
     * still a small window in which another process could take it; acceptable for local runs and tests.
     */
    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (bindable(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** {@code port} itself, or a free port when it is 0. */
    static int orFree(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port);
        }
        return port == 0 ? pick() : port;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
