package imago.executor.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Argument lists for the Java programs the executor starts: small heaps, quick start-up. */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Options shared by every child JVM: small servers on a shared 2-core machine. Small heaps
     * (under 128 MiB) get the serial collector and the quick-start compiler only; the database
     * server (a larger heap) needs the full JIT, and the parallel collector: bulk loads and index
     * builds allocate heavily, and with it H2 inserts a million rows and indexes them in about
     * 6.5 s instead of 8 to 10.6 s (cold JVM, measured here).
     */
    public static List<String> jvm(String maxHeap) {
        List<String> a = new ArrayList<>();
        a.add(java());
        a.add("-Xmx" + maxHeap);
        boolean small = maxHeap.endsWith("m") && Integer.parseInt(maxHeap.substring(0, maxHeap.length() - 1)) <= 128;
        a.add(small ? "-XX:+UseSerialGC" : "-XX:+UseParallelGC");
        if (small) {
            a.add("-XX:TieredStopAtLevel=1");
        }
        a.add("-Xshare:auto");
        a.add("-Djava.net.preferIPv4Stack=true");
        a.add("-Dfile.encoding=UTF-8");
        return a;
    }

    /** {@code java ... -jar JAR ARGS}. */
    public static List<String> jar(String maxHeap, Path jar, List<String> args) {
        List<String> a = jvm(maxHeap);
        a.add("-jar");
        a.add(jar.toString());
        a.addAll(args);
        return List.copyOf(a);
    }

    /** {@code java ... [PROPS] -cp CLASSPATH MAIN ARGS}. */
    public static List<String> main(String maxHeap, List<String> systemProperties, List<Path> classpath,
                                    String mainClass, List<String> args) {
        List<String> a = jvm(maxHeap);
        a.addAll(systemProperties);
        a.add("-cp");
        a.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        a.add(mainClass);
        a.addAll(args);
        return List.copyOf(a);
    }

    /** Where a class was loaded from (a jar, or a classes folder in a build). */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
        }
    }
}
