package imago.faultmodel.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSetLoaderTest {

    static final String HEADER = String.join(",", DataSetLoader.REQUIRED_COLUMNS);
    static final String ROW_A = "F:a/b#1,field,https://example.org/1,a/b,2020,app,start,crash,"
            + "no,yes,no,no,no,no,minor,immediately,4";
    static final String ROW_B = "B:X-2,bug,https://example.org/2,x,,database,data-migration,data-loss,"
            + "no,yes,no,no,no,no,major,later,X";

    private static DataSet load(String text) {
        return DataSetLoader.load("t.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The field of column {@code col} replaced in ROW_A. */
    private static String rowAWith(String col, String value) {
        String[] f = ROW_A.split(",", -1);
        f[DataSetLoader.REQUIRED_COLUMNS.indexOf(col)] = value;
        return String.join(",", f);
    }

    @Test
    void readsValidRows() {
        DataSet d = load(HEADER + "\n" + ROW_A + "\n" + ROW_B + "\n");
        assertThat(d.size()).isEqualTo(2);
        FailureReport a = d.rows().getFirst();
        assertThat(a.id()).isEqualTo("F:a/b#1");
        assertThat(a.source()).isEqualTo(Source.FIELD);
        assertThat(a.year()).hasValue(2020);
        assertThat(a.value(Feature.STAGE)).isEqualTo("start");
        assertThat(a.label()).isEqualTo(TypeLabel.TYPE_4);
        assertThat(d.rows().get(1).year()).isEmpty();
        assertThat(d.sha256()).hasSize(64);
    }

    @Test
    void acceptsCrlfQuotesBomExtraColumnsAndAnyColumnOrder() {
        String header = "note," + HEADER.replace("id,source", "source,id");
        String row = "\"a, \"\"quoted\"\" note\"," + ROW_A.replaceFirst("F:a/b#1,field", "field,F:a/b#1");
        DataSet d = load("\uFEFF" + header + "\r\n" + row + "\r\n");
        assertThat(d.rows().getFirst().id()).isEqualTo("F:a/b#1");
        assertThat(d.rows().getFirst().value(Feature.DETECTED)).isEqualTo("immediately");
    }

    @Test
    void shaIsOfTheFileBytes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, HEADER + "\n" + ROW_A + "\n");
        assertThat(DataSetLoader.load(f).sha256()).isEqualTo(DataSetLoader.sha256(Files.readAllBytes(f)));
    }

    @Test
    void rejectsEmptyFile() {
        assertThatThrownBy(() -> load("")).isInstanceOf(DataSetException.class)
                .hasMessageStartingWith("t.csv: empty file").hasMessageContaining("id,source");
        assertThatThrownBy(() -> load(" \n\n")).hasMessageStartingWith("t.csv: empty file");
    }

    @Test
    void rejectsHeaderWithoutRows() {
        assertThatThrownBy(() -> load(HEADER + "\n")).isInstanceOf(DataSetException.class)
                .hasMessage("t.csv: no data rows after the header");
    }

    @Test
    void rejectsMissingRequiredColumn() {
        String header = HEADER.replace(",stage,", ",stag,");
        assertThatThrownBy(() -> load(header + "\n" + ROW_A + "\n")).isInstanceOf(DataSetException.class)
                .hasMessageStartingWith("t.csv:1:1: header: missing required column 'stage'");
    }

    @Test
    void rejectsDuplicateColumn() {
        assertThatThrownBy(() -> load(HEADER + ",year\n" + ROW_A + ",2020\n"))
                .hasMessageStartingWith("t.csv:1:").hasMessageContaining("header: duplicate column 'year'");
    }

    @Test
    void rejectsWrongFieldCount() {
        assertThatThrownBy(() -> load(HEADER + "\n" + ROW_A + ",extra\n"))
                .hasMessageStartingWith("t.csv:2:").hasMessageContaining("row: has 18 fields, the header has 17");
        assertThatThrownBy(() -> load(HEADER + "\n" + ROW_A.substring(0, ROW_A.lastIndexOf(',')) + "\n"))
                .hasMessageContaining("row: has 16 fields, the header has 17");
    }

    @Test
    void rejectsValueOutsideVocabularyNamingLineColumnAndValue() {
        String bad = rowAWith("stage", "upgrade");
        int col = bad.indexOf(",upgrade,") + 2;
        assertThatThrownBy(() -> load(HEADER + "\n" + ROW_B + "\n" + bad + "\n"))
                .isInstanceOf(DataSetException.class)
                .hasMessage("t.csv:3:" + col + ": stage: 'upgrade' is not one of install, configure, data-migration,"
                        + " start, runtime, rolling-mixed-version, rollback");
    }

    @Test
    void rejectsEveryFeatureColumnOutsideItsVocabulary() {
        for (Feature f : Feature.values()) {
            assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith(f.column(), "maybe") + "\n"))
                    .as(f.column())
                    .hasMessageContaining(": " + f.column() + ": 'maybe' is not one of ");
        }
    }

    @Test
    void rejectsUnknownSourceAndLabel() {
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("source", "forum") + "\n"))
                .hasMessageContaining("source: 'forum' is not one of bug, operator, field");
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("type_label", "5") + "\n"))
                .hasMessageContaining("type_label: '5' is not one of 1, 2, 3, 4, X, U");
    }

    @Test
    void rejectsDuplicateId() {
        assertThatThrownBy(() -> load(HEADER + "\n" + ROW_A + "\n" + ROW_B + "\n" + ROW_A + "\n"))
                .hasMessage("t.csv:4:1: id: duplicate id 'F:a/b#1' (first on line 2)");
    }

    @Test
    void rejectsEmptyIdReferenceOrSystem() {
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("id", "") + "\n"))
                .hasMessage("t.csv:2:1: id: must not be empty");
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("source_ref", " ") + "\n"))
                .hasMessageContaining("source_ref: must not be empty");
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("system", "a/b ") + "\n"))
                .hasMessageContaining("system: has leading or trailing spaces");
    }

    @Test
    void rejectsBadYear() {
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("year", "20x0") + "\n"))
                .hasMessageContaining("year: '20x0' is not a 4-digit year or empty");
        assertThatThrownBy(() -> load(HEADER + "\n" + rowAWith("year", "1066") + "\n"))
                .hasMessageContaining("year: 1066 is outside 1970..2100");
    }

    @Test
    void rejectsBrokenQuoting() {
        assertThatThrownBy(() -> load(HEADER + "\n\"F:a/b#1," + ROW_A.substring(8) + "\n"))
                .hasMessage("t.csv:2:1: csv: quoted field is never closed");
        assertThatThrownBy(() -> load(HEADER + "\n" + "\"F:a\"x" + ROW_A.substring(7) + "\n"))
                .hasMessage("t.csv:2:6: csv: unexpected character after a closing quote");
        assertThatThrownBy(() -> load(HEADER + "\n" + "F:a\"b" + ROW_A.substring(7) + "\n"))
                .hasMessage("t.csv:2:4: csv: quote inside an unquoted field");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = (HEADER + "\n" + ROW_A + "\n").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3;
        assertThatThrownBy(() -> DataSetLoader.load("t.csv", bytes)).hasMessage("t.csv: not valid UTF-8");
    }

    @Test
    void rejectsMissingFileAndResource(@TempDir Path dir) {
        assertThatThrownBy(() -> DataSetLoader.load(dir.resolve("none.csv")))
                .isInstanceOf(DataSetException.class).hasMessageContaining("none.csv: no such file");
        assertThatThrownBy(() -> DataSetLoader.loadResource("no/such.csv"))
                .hasMessage("classpath:no/such.csv: not found on the class path");
    }

    @Test
    void messagesAreOneLine() {
        assertThat(new DataSetException("a\nb\r\nc").getMessage()).doesNotContain("\n").doesNotContain("\r");
    }
}
