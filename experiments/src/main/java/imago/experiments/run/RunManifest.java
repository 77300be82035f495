package imago.experiments.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * run.json: what produced a results folder, so a result can be traced and shards can be merged.
 *
 * @param arms the arm labels in result order; merging sorts rows by it
 */
public record RunManifest(String imagoVersion, String gitCommit, String config, String configSha256,
                          String experiment, long seed, int replications, List<String> arms, String shard,
                          String backend, int threads, String jvm, Map<String, String> machine,
                          double wallTimeSeconds, String finishedAt) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public void write(Path dir) throws IOException {
        PartialStore.writeAtomically(dir.resolve("run.json"), (JSON.writeValueAsString(this) + "\n").getBytes());
    }

    public static RunManifest read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve("run.json").toFile(), RunManifest.class);
    }

    /** The machine a run used, for provenance. */
    public static Map<String, String> currentMachine() {
        Runtime rt = Runtime.getRuntime();
        return Map.of("os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "arch", System.getProperty("os.arch"),
                "cores", Integer.toString(rt.availableProcessors()),
                "maxHeapMiB", Long.toString(rt.maxMemory() / (1 << 20)));
    }

    public static String currentJvm() {
        return System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    /** The commit of the project checkout at {@code home}, or "unknown" outside a git checkout. */
    public static String gitCommit(Path home) {
        try {
            Process p = new ProcessBuilder("git", "-C", home.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve("run.json"));
    }
}
