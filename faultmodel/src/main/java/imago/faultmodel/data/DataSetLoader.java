package imago.faultmodel.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads and validates {@code upgrade-failures.csv} against the codebook. Every problem is a
 * {@link DataSetException} naming the file, line and column; the first problem stops the load.
 */
public final class DataSetLoader {

    private static final String LABEL = "type_label";

    /** The columns every data set must have; others are ignored. */
    public static final List<String> REQUIRED_COLUMNS = requiredColumns();

    private DataSetLoader() {
    }

    public static DataSet load(Path file) {
        return load(file.toString(), read(file));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw DataSetException.of(file.toString(), "no such file");
        } catch (IOException e) {
            throw DataSetException.of(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Loads a data set bundled on the class path (see {@link DataSetSource.Bundled}). */
    public static DataSet loadResource(String resource) {
        try (InputStream in = DataSetLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw DataSetException.of("classpath:" + resource, "not found on the class path");
            }
            return load("classpath:" + resource, in.readAllBytes());
        } catch (IOException e) {
            throw DataSetException.of("classpath:" + resource, "cannot read: " + e.getMessage());
        }
    }

    /** Parses {@code bytes}; {@code name} is only used in messages. */
    public static DataSet load(String name, byte[] bytes) {
        return parse(name, bytes, true).data();
    }

    /**
     * New reports to classify: the data set's columns, {@code type_label} optional (other columns,
     * such as a free-text {@code summary}, are ignored). Without the column the reports carry
     * {@link TypeLabel#UNCLEAR}, and {@link ReportFile#labelled()} is false; a report with an
     * empty label also carries {@code U}, so it is classified but not evaluated.
     */
    public static ReportFile loadReports(Path file) {
        return parse(file.toString(), read(file), false);
    }

    /** Reports read by {@link #loadReports}, and whether they came with a {@code type_label} column. */
    public record ReportFile(DataSet data, boolean labelled) {
    }

    private static ReportFile parse(String name, byte[] bytes, boolean labelRequired) {
        String text = decode(name, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw DataSetException.of(name, "empty file: expected a header line with the columns "
                    + String.join(",", REQUIRED_COLUMNS));
        }
        List<CsvRecords.Row> records = CsvRecords.parse(name, text);
        CsvRecords.Row header = records.getFirst();
        Map<String, Integer> index = headerIndex(name, header, labelRequired);
        boolean labelled = index.containsKey(LABEL);
        List<FailureReport> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (CsvRecords.Row rec : records.subList(1, records.size())) {
            if (rec.isBlank()) {
                continue;
            }
            FailureReport r = row(name, rec, index, header.fields().size(), labelRequired);
            Integer seen = firstLine.putIfAbsent(r.id(), rec.line());
            if (seen != null) {
                CsvRecords.Field f = rec.fields().get(index.get("id"));
                throw DataSetException.at(name, f.line(), f.col(), "id",
                        "duplicate id '" + r.id() + "' (first on line " + seen + ")");
            }
            rows.add(r);
        }
        if (rows.isEmpty()) {
            throw DataSetException.of(name, "no data rows after the header");
        }
        return new ReportFile(new DataSet(name, rows, sha256(bytes)), labelled);
    }

    private static Map<String, Integer> headerIndex(String name, CsvRecords.Row header, boolean labelRequired) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            CsvRecords.Field f = header.fields().get(i);
            String col = f.text().strip();
            if (index.putIfAbsent(col, i) != null) {
                throw DataSetException.at(name, f.line(), f.col(), "header", "duplicate column '" + col + "'");
            }
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!index.containsKey(required) && (labelRequired || !required.equals(LABEL))) {
                throw DataSetException.at(name, header.line(), 1, "header", "missing required column '" + required
                        + "' (required: " + String.join(",", REQUIRED_COLUMNS) + ")");
            }
        }
        return index;
    }

    private static FailureReport row(String name, CsvRecords.Row rec, Map<String, Integer> index, int width,
                                     boolean labelRequired) {
        List<CsvRecords.Field> fields = rec.fields();
        if (fields.size() != width) {
            CsvRecords.Field last = fields.getLast();
            throw DataSetException.at(name, rec.line(), fields.size() > width ? fields.get(width).col() : last.col(),
                    "row", "has " + fields.size() + " fields, the header has " + width);
        }
        String id = nonEmpty(name, fields, index, "id");
        CsvRecords.Field src = field(fields, index, "source");
        Source source = Source.parse(src.text()).orElseThrow(() -> notInVocabulary(name, src, "source",
                List.of(Source.values()).stream().map(Source::code).toList()));
        String ref = nonEmpty(name, fields, index, "source_ref");
        String system = nonEmpty(name, fields, index, "system");
        OptionalInt year = year(name, field(fields, index, "year"));
        List<String> values = new ArrayList<>();
        for (Feature f : Feature.values()) {
            CsvRecords.Field v = field(fields, index, f.column());
            if (f.code(v.text()) < 0) {
                throw notInVocabulary(name, v, f.column(), f.vocabulary());
            }
            values.add(v.text());
        }
        // New reports may leave a label empty: such a report is classified, not evaluated.
        if (!index.containsKey(LABEL) || (!labelRequired && field(fields, index, LABEL).text().isEmpty())) {
            return new FailureReport(id, source, ref, system, year, values, TypeLabel.UNCLEAR);
        }
        CsvRecords.Field lab = field(fields, index, LABEL);
        TypeLabel label = TypeLabel.parse(lab.text()).orElseThrow(() -> notInVocabulary(name, lab, LABEL,
                List.of(TypeLabel.values()).stream().map(TypeLabel::code).toList()));
        return new FailureReport(id, source, ref, system, year, values, label);
    }

    private static CsvRecords.Field field(List<CsvRecords.Field> fields, Map<String, Integer> index, String col) {
        return fields.get(index.get(col));
    }

    private static String nonEmpty(String name, List<CsvRecords.Field> fields, Map<String, Integer> index, String col) {
        CsvRecords.Field f = field(fields, index, col);
        if (f.text().isBlank()) {
            throw DataSetException.at(name, f.line(), f.col(), col, "must not be empty");
        }
        if (!f.text().equals(f.text().strip())) {
            throw DataSetException.at(name, f.line(), f.col(), col, "has leading or trailing spaces");
        }
        return f.text();
    }

    private static OptionalInt year(String name, CsvRecords.Field f) {
        if (f.text().isEmpty()) {
            return OptionalInt.empty();
        }
        if (!f.text().matches("\\d{4}")) {
            throw DataSetException.at(name, f.line(), f.col(), "year",
                    "'" + f.text() + "' is not a 4-digit year or empty");
        }
        int y = Integer.parseInt(f.text());
        if (y < 1970 || y > 2100) {
            throw DataSetException.at(name, f.line(), f.col(), "year", y + " is outside 1970..2100");
        }
        return OptionalInt.of(y);
    }

    private static DataSetException notInVocabulary(String name, CsvRecords.Field f, String col, List<String> vocab) {
        return DataSetException.at(name, f.line(), f.col(), col,
                "'" + f.text() + "' is not one of " + String.join(", ", vocab));
    }

    private static String decode(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DataSetException.of(name, "not valid UTF-8");
        }
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static List<String> requiredColumns() {
        List<String> cols = new ArrayList<>(List.of("id", "source", "source_ref", "system", "year"));
        for (Feature f : Feature.values()) {
            cols.add(f.column());
        }
        cols.add(LABEL);
        return List.copyOf(cols);
    }
}
