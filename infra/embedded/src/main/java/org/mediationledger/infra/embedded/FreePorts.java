package org.mediationledger.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Ports already handed out by this JVM. A port picked for a service stays unbound until that service
     * starts, so without this a later pick in the same JVM (the embedded Kafka's controller port, say)
     * could be given the same port; a CI run lost the query side's port that way.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port that was free a moment ago, outside the ephemeral range when one can be found there. There is
     * still a small window in which another process could take it; acceptable for local runs and tests.
     */
    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (bindable(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no free port that this JVM has not handed out already");
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
