package imago.model.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each third-party library stays in its own module and dependencies point one way (DESIGN §1).
 * Reads every module's sources, so it fails as soon as a file imports what its module must not.
 */
class ModuleBoundaryTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final String SSJ = "umontreal.ssj";
    static final String SMILE = "smile.";
    static final String JETTY = "org.eclipse.jetty";
    static final String H2 = "org.h2";
    static final String JDBC = "java.sql";
    static final String TABLESAW = "tech.tablesaw";
    static final String XCHART = "org.knowm.xchart";
    static final String PICOCLI = "picocli";

    /** Module folder -> import prefixes it must not use. */
    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "model", List.of(SSJ, SMILE, JETTY, H2, JDBC, TABLESAW, XCHART, PICOCLI,
                    "imago.sim", "imago.faultmodel", "imago.executor", "imago.experiments"),
            "sim", List.of(SMILE, JETTY, H2, JDBC, TABLESAW, XCHART, PICOCLI,
                    "imago.faultmodel", "imago.executor", "imago.experiments"),
            "faultmodel", List.of(SSJ, JETTY, H2, JDBC, TABLESAW, XCHART, PICOCLI,
                    "imago.sim", "imago.executor", "imago.experiments"),
            "executor", List.of(SSJ, SMILE, TABLESAW, XCHART, PICOCLI,
                    "imago.sim", "imago.faultmodel", "imago.experiments"),
            "experiments", List.of(SSJ, SMILE, JETTY, H2, JDBC),
            "testbed", List.of("imago."));

    static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void noModuleImportsWhatItMustNot() {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (var e : FORBIDDEN.entrySet()) {
            Path dir = ROOT.resolve(e.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path f : javaFiles(dir)) {
                files++;
                String src = read(f);
                Matcher m = IMPORT.matcher(src);
                while (m.find()) {
                    for (String bad : e.getValue()) {
                        if (m.group(1).startsWith(bad)) {
                            violations.add(ROOT.relativize(f) + " imports " + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(files).as("java files scanned").isGreaterThan(20);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesAViolation() {
        Matcher m = IMPORT.matcher("package x;\nimport umontreal.ssj.simevents.Simulator;\n");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).startsWith(SSJ);
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
