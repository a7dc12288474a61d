package org.mediationledger.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 POSTs over one kept-alive socket per client thread, written and read by hand. The benchmark
 * runs on the machine it measures: the JDK's HttpClient spent about 1.5 ms of CPU per command (its selector
 * and worker threads, 0.3-0.4 of the two cores at the peak), which the system under test then lacked;
 * this costs a small fraction of that. Only what the command side answers is understood: a status line,
 * headers, and a body of a {@code Content-Length} or in chunks.
 * <p>
 * A request is never sent twice: when the connection fails, the answer is {@link Http#NO_ANSWER} (the
 * command may or may not have been taken, as for any client). A connection left idle for longer than
 * {@link #IDLE_REUSE} is replaced before it is used, so that the server's keep-alive timeout does not
 * close it under a request.
 */
final class KeptAliveConnections {

    private static final Duration IDLE_REUSE = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String pathPrefix;
    private final int timeoutMillis;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    KeptAliveConnections(URI base, Duration timeout) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.hostHeader = host + ":" + port;
        this.pathPrefix = base.getRawPath() == null ? "" : base.getRawPath();
        this.timeoutMillis = (int) timeout.toMillis();
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long lastUsedNanos = System.nanoTime();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }
    }

    /** POSTs {@code body} (JSON) to {@code path} with {@code headers}; the answer, or NO_ANSWER when the connection failed. */
    Http.Answer post(String path, Map<String, String> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append("POST ").append(pathPrefix).append(path).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader).append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(content.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        Connection connection = null;
        try {
            connection = connection();
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] request = new byte[headBytes.length + content.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(content, 0, request, headBytes.length, content.length);
            connection.out.write(request);
            connection.out.flush();
            Http.Answer answer = read(connection);
            connection.lastUsedNanos = System.nanoTime();
            return answer;
        } catch (IOException e) {
            close(connection);
            return new Http.Answer(Http.NO_ANSWER, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private Connection connection() throws IOException {
        Connection connection = connections.get();
        if (connection != null && (connection.socket.isClosed()
                || System.nanoTime() - connection.lastUsedNanos > IDLE_REUSE.toNanos())) {
            close(connection);
            connection = null;
        }
        if (connection == null) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            connection = new Connection(socket);
            connections.set(connection);
        }
        return connection;
    }

    private void close(Connection connection) {
        if (connection == null) {
            return;
        }
        connections.remove();
        try {
            connection.socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing more to do
        }
    }

    private Http.Answer read(Connection connection) throws IOException {
        String statusLine = line(connection.in);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        String projectionPosition = null;
        for (String header = line(connection.in); !header.isEmpty(); header = line(connection.in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = closeAfter || value.equalsIgnoreCase("close");
                case "x-projection-position" -> projectionPosition = value;
                default -> {
                    // not needed here
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        if (chunked) {
            for (long size = chunkSize(line(connection.in)); size > 0; size = chunkSize(line(connection.in))) {
                copy(connection.in, body, size);
                line(connection.in); // the CRLF after the chunk
            }
            for (String trailer = line(connection.in); !trailer.isEmpty(); trailer = line(connection.in)) {
                // trailers are not used
            }
        } else if (length >= 0) {
            copy(connection.in, body, length);
        } else {
            closeAfter = true; // a body up to the end of the connection
            connection.in.transferTo(body);
        }
        if (closeAfter) {
            close(connection);
        }
        return new Http.Answer(status, body.toString(StandardCharsets.UTF_8), projectionPosition);
    }

    private static long chunkSize(String line) throws IOException {
        int extension = line.indexOf(';');
        try {
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + line);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(count, 8192)];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (n < 0) {
                throw new IOException("connection closed inside a body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** A header line (ISO-8859-1) without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside an answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
