package com.rxflow.load.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What stands in front of several instances of a service in a deployment (a Kubernetes Service):
 * each connection made to its port goes to the next instance in turn, and to the one after when
 * that one does not accept it. The gateway reaches the conversation processors through one, since
 * it takes a single processor URL; the processor instance it reaches forwards a query for a
 * conversation it does not own to the owner.
 */
final class TcpBalancer implements AutoCloseable {

    private final ServerSocket server;
    private final Supplier<List<Integer>> backends;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean open = true;

    /** @param backends the ports of the instances that are running now (asked for every connection) */
    TcpBalancer(Supplier<List<Integer>> backends) throws IOException {
        this.backends = backends;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "chaos-balancer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket backend = connect();
                if (backend == null) {
                    client.close();
                    continue;
                }
                pipe(client, backend);
                pipe(backend, client);
            } catch (IOException e) {
                // closed, or a client that went away at once
            }
        }
    }

    private Socket connect() {
        List<Integer> ports = backends.get();
        for (int attempt = 0; attempt < ports.size(); attempt++) {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies one direction until it ends, then closes both sockets, so the other direction ends too. */
    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or died
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "chaos-balancer-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
