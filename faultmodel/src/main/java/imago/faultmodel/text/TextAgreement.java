package imago.faultmodel.text;

import imago.faultmodel.data.FailureReport;
import imago.faultmodel.data.TypeLabel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The two text passes over the reports that have a text: their agreement (Cohen's kappa) and how
 * each pass's codes fall on the coders' labels 1 and 2, which the codes are meant to separate.
 * The labels are only counted against, never used to code.
 *
 * @param rows      reports with a text
 * @param kappa     Cohen's kappa between {@link TextCoding.Keywords} and {@link TextCoding.Patterns}
 * @param agreement share of reports both passes code alike
 * @param byLabel   per pass name, per label (1 and 2), per code: how many reports
 */
public record TextAgreement(int rows, double kappa, double agreement,
                            Map<String, Map<TypeLabel, Map<TextCoding.Code, Integer>>> byLabel) {

    public static final List<TextCoding> PASSES = List.of(new TextCoding.Keywords(), new TextCoding.Patterns());

    public TextAgreement {
        byLabel = Map.copyOf(byLabel);
    }

    public static TextAgreement of(List<FailureReport> reports, Map<String, String> texts) {
        List<TextCoding.Code> a = new ArrayList<>();
        List<TextCoding.Code> b = new ArrayList<>();
        Map<String, Map<TypeLabel, Map<TextCoding.Code, Integer>>> byLabel = new java.util.LinkedHashMap<>();
        for (FailureReport r : reports) {
            String text = texts.get(r.id());
            if (text == null) {
                continue;
            }
            List<TextCoding.Code> codes = PASSES.stream().map(p -> p.code(text)).toList();
            a.add(codes.get(0));
            b.add(codes.get(1));
            if (r.label() == TypeLabel.TYPE_1 || r.label() == TypeLabel.TYPE_2) {
                for (int p = 0; p < PASSES.size(); p++) {
                    byLabel.computeIfAbsent(PASSES.get(p).name(), x -> new EnumMap<>(TypeLabel.class))
                            .computeIfAbsent(r.label(), x -> new EnumMap<>(TextCoding.Code.class))
                            .merge(codes.get(p), 1, Integer::sum);
                }
            }
        }
        if (a.isEmpty()) {
            return new TextAgreement(0, Double.NaN, Double.NaN, Map.of());
        }
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == b.get(i)) {
                same++;
            }
        }
        return new TextAgreement(a.size(), TextCoding.cohensKappa(a, b), (double) same / a.size(), byLabel);
    }

    /** Of the reports labelled {@code label} that pass {@code pass} codes SLIP or SEMANTIC, the share coded {@code code}. */
    public double share(String pass, TypeLabel label, TextCoding.Code code) {
        Map<TextCoding.Code, Integer> m = byLabel.getOrDefault(pass, Map.of()).getOrDefault(label, Map.of());
        int decided = m.getOrDefault(TextCoding.Code.SLIP, 0) + m.getOrDefault(TextCoding.Code.SEMANTIC, 0);
        return decided == 0 ? Double.NaN : (double) m.getOrDefault(code, 0) / decided;
    }

    /** Of the reports labelled {@code label}, the share that pass {@code pass} codes SLIP or SEMANTIC at all. */
    public double coverage(String pass, TypeLabel label) {
        Map<TextCoding.Code, Integer> m = byLabel.getOrDefault(pass, Map.of()).getOrDefault(label, Map.of());
        int all = m.values().stream().mapToInt(Integer::intValue).sum();
        return all == 0 ? Double.NaN : 1 - (double) m.getOrDefault(TextCoding.Code.NONE, 0) / all;
    }
}
