package imago.experiments.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import imago.model.metrics.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finished replications of a run in progress, one file each in {@code OUT/.partial/}, written
 * atomically as they finish. Rerunning the same command finds them and skips that work; a
 * partial folder of another run (another config, seed, shard or backend), a file in it that
 * another run wrote, or a damaged file is reported and never merged.
 */
public final class PartialStore {

    static final String DIR = ".partial";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .build();

    /** What identifies a run: results of another identity must not be mixed in. */
    public record Identity(String configSha256, long seed, String shard, String backend) {
    }

    /** One finished replication with the identity of the run that computed it, checked on every load. */
    record Saved(Identity identity, RunResult result) {
    }

    private final Path dir;
    private final Identity identity;

    private PartialStore(Path dir, Identity identity) {
        this.dir = dir;
        this.identity = identity;
    }

    /**
     * Opens the store of {@code outDir}, creating it, or checking that an existing one belongs to
     * this run. Throws {@link ForeignPartialException} when it does not.
     */
    public static PartialStore open(Path outDir, Identity identity) throws IOException {
        Path dir = outDir.resolve(DIR);
        Path manifest = dir.resolve("identity.json");
        if (Files.isDirectory(dir) && Files.exists(manifest)) {
            Identity found;
            try {
                found = JSON.readValue(manifest.toFile(), Identity.class);
            } catch (IOException e) {
                throw new ForeignPartialException(manifest + ": damaged partial-results manifest; remove " + dir + " to start over");
            }
            if (!found.equals(identity)) {
                throw new ForeignPartialException(dir + ": partial results of another run (" + describe(found)
                        + "; this run: " + describe(identity) + "); remove it or choose another --out");
            }
        } else {
            Files.createDirectories(dir);
            writeAtomically(manifest, JSON.writeValueAsBytes(identity));
        }
        return new PartialStore(dir, identity);
    }

    /** Results already finished, by (arm label, replication). */
    public Map<String, RunResult> load() throws IOException {
        Map<String, RunResult> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("run-")
                    && p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Saved saved;
                try {
                    saved = JSON.readValue(f.toFile(), Saved.class);
                } catch (IOException e) {
                    throw new ForeignPartialException(f + ": damaged partial result (" + firstLine(e.getMessage())
                            + "); remove it to recompute that replication");
                }
                if (!identity.equals(saved.identity())) {
                    throw new ForeignPartialException(f + ": a result of another run (" + describe(saved.identity())
                            + "; this run: " + describe(identity) + "); remove it or choose another --out");
                }
                RunResult r = saved.result();
                if (!f.getFileName().toString().equals(fileName(r.scenario(), r.replication()))) {
                    throw new ForeignPartialException(f + ": holds " + r.scenario() + " replication " + r.replication()
                            + ", not what its name says; remove it to recompute that replication");
                }
                out.put(key(r.scenario(), r.replication()), r);
            }
        }
        return out;
    }

    public void save(RunResult r) {
        try {
            writeAtomically(dir.resolve(fileName(r.scenario(), r.replication())), JSON.writeValueAsBytes(new Saved(identity, r)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the store once the final files are written. */
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Identity identity() {
        return identity;
    }

    public static String key(String arm, int replication) {
        return arm + "#" + replication;
    }

    static String fileName(String arm, int replication) {
        // Arm labels hold [ ] = , which are safe in file names on every common file system but '/';
        // labels never hold '/', since scenario names and numbers don't.
        return "run-" + arm + "-r" + replication + ".json";
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            ResultFiles.shareable(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String describe(Identity i) {
        String h = i.configSha256();
        return "config " + (h.length() > 12 ? h.substring(0, 12) : h) + ", seed " + i.seed() + ", shard " + i.shard()
                + ", backend " + i.backend();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** Partial results that must not be used. */
    public static final class ForeignPartialException extends RuntimeException {
        public ForeignPartialException(String message) {
            super(message);
        }
    }
}
