package imago.executor.db;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs in its own small JVM beside a PostgreSQL server: starts {@code postgres} from the argument
 * list it is given (never a shell string) and stops it when its own standard input closes (the
 * executor is gone) or when it is asked to stop, so the database dies with the run as H2's server
 * does. {@code postgres} takes SIGTERM as a "smart" shutdown that waits for clients; this sends
 * SIGINT (fast shutdown), then kills it.
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: PostgresMain POSTGRES-ARGV...");
            System.exit(2);
        }
        Process pg = new ProcessBuilder(List.of(args)).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE).start();
        Thread stopper = new Thread(() -> stop(pg), "postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the executor never writes; EOF means it is gone
                }
            } catch (IOException ignored) {
                // a broken pipe means the same
            }
            System.exit(0);
        });
        int code = pg.waitFor();
        System.out.println("postgres exited with " + code);
        System.exit(code == 0 ? 0 : 1);
    }

    private static void stop(Process pg) {
        if (!pg.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder(List.of("kill", "-INT", Long.toString(pg.pid()))).inheritIO().start().waitFor(2, TimeUnit.SECONDS);
            if (!pg.waitFor(4, TimeUnit.SECONDS)) {
                pg.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            pg.destroyForcibly();
        } catch (InterruptedException e) {
            pg.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
