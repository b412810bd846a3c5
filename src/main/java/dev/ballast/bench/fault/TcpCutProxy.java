package dev.ballast.bench.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP hop (for a database connection) that can be cut: {@link #cut()} closes every open connection and refuses new
 * ones until {@link #restore()}, which is what a partition between a keeper and its PostgreSQL journal looks like to
 * the keeper (its pool's connections fail, new ones cannot be made).
 */
public final class TcpCutProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String host;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private TcpCutProxy(ServerSocket server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    /** Listens on a free loopback port and forwards each connection to {@code host:port}. */
    public static TcpCutProxy start(String host, int port) throws IOException {
        TcpCutProxy p = new TcpCutProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
        Thread t = new Thread(p::acceptLoop, "tcp-cut-proxy");
        t.setDaemon(true);
        t.start();
        return p;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every connection now and every new one until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) closeQuietly(s);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(host, port);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // the server socket closed, or the upstream refused: the client sees its connection fail
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // a cut or a close on either side ends both directions below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-cut-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
