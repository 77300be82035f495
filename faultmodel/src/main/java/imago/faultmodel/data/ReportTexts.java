package imago.faultmodel.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short texts of the reports whose licence allows keeping them ({@code datasets/report-texts.csv}:
 * {@code id, source, text}): operator thread titles (MIT) and the field collection's own-words tags.
 * Bug reports have none (their sheets carry no licence).
 */
public final class ReportTexts {

    /** The class-path copy the build packages from {@code ../datasets}. */
    public static final String BUNDLED_RESOURCE = "imago/faultmodel/datasets/report-texts.csv";

    private ReportTexts() {
    }

    /** Id -&gt; text, in file order. */
    public static Map<String, String> loadBundled() {
        String name = "classpath:" + BUNDLED_RESOURCE;
        try (InputStream in = ReportTexts.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw DataSetException.of(name, "not found on the class path");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DataSetException.of(name, "cannot read: " + e.getMessage());
        }
    }

    static Map<String, String> parse(String name, String text) {
        List<CsvRecords.Row> rows = CsvRecords.parse(name, text);
        List<String> header = rows.getFirst().fields().stream().map(CsvRecords.Field::text).toList();
        if (!header.equals(List.of("id", "source", "text"))) {
            throw DataSetException.at(name, 1, 1, "header", "expected id,source,text");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (CsvRecords.Row r : rows.subList(1, rows.size())) {
            if (r.isBlank()) {
                continue;
            }
            if (r.fields().size() != 3) {
                throw DataSetException.at(name, r.line(), 1, "row", "has " + r.fields().size() + " fields, need 3");
            }
            CsvRecords.Field id = r.fields().getFirst();
            if (out.putIfAbsent(id.text(), r.fields().get(2).text()) != null) {
                throw DataSetException.at(name, id.line(), id.col(), "id", "duplicate id '" + id.text() + "'");
            }
        }
        return out;
    }
}
