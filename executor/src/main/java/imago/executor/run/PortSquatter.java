package imago.executor.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Fault type 3's mechanism, run as its own process: another program holding the port the new
 * version is configured to listen on. It accepts connections and closes them (it speaks no HTTP),
 * and exits when its standard input closes, i.e. when the executor is gone or repairs the fault.
 */
public final class PortSquatter {

    private PortSquatter() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        System.out.println("READY squatting on " + port);
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    return;
                }
            }
        });
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // EOF means the executor is gone
            }
        } catch (IOException ignored) {
            // the same
        }
        socket.close();
        System.exit(0);
    }
}
