package imago.faultmodel.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed data set agrees with its codebook, datasets/README.md: vocabularies, ids and the
 * row counts per source and label. Both are read from the copies the build packages, which are
 * the files in datasets/ (see faultmodel/pom.xml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataSetCodebookTest {

    private DataSet data;
    private List<String> readme;

    @BeforeAll
    void load() throws IOException {
        data = DataSetLoader.loadResource(DataSetSource.BUNDLED_RESOURCE);
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("imago/faultmodel/datasets/README.md")) {
            assertThat(in).as("README.md is packaged next to the CSV").isNotNull();
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void bundledCopyIsTheCommittedFile() throws IOException {
        Path committed = Path.of("..", "datasets", "upgrade-failures.csv");
        if (Files.exists(committed)) {
            assertThat(data.sha256()).isEqualTo(DataSetLoader.sha256(Files.readAllBytes(committed)));
        }
    }

    @Test
    void vocabulariesAreThoseOfTheCodebook() {
        Map<String, List<String>> documented = documentedVocabularies();
        for (Feature f : Feature.values()) {
            assertThat(documented.get(f.column())).as(f.column()).isEqualTo(f.vocabulary());
        }
        assertThat(documented.get("source")).containsExactly("bug", "operator", "field");
        assertThat(documented.get("type_label")).containsExactly("1", "2", "3", "4", "X", "U");
        assertThat(DataSetLoader.REQUIRED_COLUMNS).containsExactlyElementsOf(documentedColumns());
    }

    @Test
    void everyValueIsInItsVocabularyAndIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (FailureReport r : data.rows()) {
            assertThat(ids.add(r.id())).as("unique id %s", r.id()).isTrue();
            for (Feature f : Feature.values()) {
                assertThat(f.vocabulary()).as("%s %s", r.id(), f.column()).contains(r.value(f));
            }
            String prefix = switch (r.source()) {
                case BUG -> "B:";
                case OPERATOR -> "O:";
                case FIELD -> "F:";
            };
            assertThat(r.id()).startsWith(prefix);
            assertThat(r.sourceRef()).startsWith("http");
        }
    }

    @Test
    void countsPerSourceAndLabelAreThoseDocumented() {
        Map<String, Map<String, Integer>> documented = documentedCounts();
        Map<String, Map<String, Integer>> actual = new LinkedHashMap<>();
        for (FailureReport r : data.rows()) {
            for (String key : List.of(r.source().code(), "all")) {
                Map<String, Integer> m = actual.computeIfAbsent(key, x -> new HashMap<>());
                m.merge(r.label().code(), 1, Integer::sum);
                m.merge("total", 1, Integer::sum);
            }
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrder("bug", "operator", "field", "all");
        for (var e : documented.entrySet()) {
            for (var c : e.getValue().entrySet()) {
                assertThat(actual.get(e.getKey()).getOrDefault(c.getKey(), 0))
                        .as("%s, label %s", e.getKey(), c.getKey()).isEqualTo(c.getValue());
            }
        }
    }

    /** The table under "## Row counts": | source | 1 | 2 | ... | total |. */
    private Map<String, Map<String, Integer>> documentedCounts() {
        int start = readme.indexOf("## Row counts");
        assertThat(start).as("README has a '## Row counts' section").isGreaterThanOrEqualTo(0);
        List<String> header = null;
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (String line : readme.subList(start, readme.size())) {
            if (line.startsWith("## ") && !out.isEmpty()) {
                break;
            }
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.getFirst().equals("source")) {
                header = cells;
            } else if (header != null) {
                Map<String, Integer> row = new LinkedHashMap<>();
                for (int i = 1; i < cells.size(); i++) {
                    row.put(header.get(i), Integer.parseInt(cells.get(i)));
                }
                out.put(cells.getFirst(), row);
            }
        }
        return out;
    }

    /** The table under "## Columns and vocabularies": each column with its backquoted values. */
    private Map<String, List<String>> documentedVocabularies() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Pattern tick = Pattern.compile("`([^`]+)`");
        for (String line : vocabularyTable()) {
            List<String> cells = cells(line);
            String column = cells.get(0).replace("`", "");
            List<String> values = new ArrayList<>();
            Matcher m = tick.matcher(cells.get(1));
            while (m.find()) {
                values.add(m.group(1));
            }
            out.put(column, values);
        }
        return out;
    }

    private List<String> documentedColumns() {
        return vocabularyTable().stream().map(l -> cells(l).get(0).replace("`", "")).toList();
    }

    private List<String> vocabularyTable() {
        int start = readme.indexOf("## Columns and vocabularies");
        assertThat(start).isGreaterThanOrEqualTo(0);
        List<String> rows = new ArrayList<>();
        for (String line : readme.subList(start + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| `")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|")) {
            out.add(c.strip());
        }
        return out;
    }
}
