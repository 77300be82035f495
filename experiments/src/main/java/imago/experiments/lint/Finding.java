package imago.experiments.lint;

import imago.model.config.Location;

import java.util.List;

/**
 * One hazard: where in the config it comes from, which rule found it, what it is, and the steps of
 * the scenario's compiled plan it affects (none for a finding about the whole experiment).
 */
public record Finding(Severity severity, String rule, Location location, String message, List<Integer> steps) {

    public enum Severity {
        WARNING("warning"), ERROR("error");

        final String word;

        Severity(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public Finding {
        steps = List.copyOf(steps);
    }

    /** {@code FILE:LINE:COL: warning: RULE: message (plan steps 3, 5-9)}. */
    public String line() {
        return location + ": " + severity.word + ": " + rule + ": " + message + (steps.isEmpty() ? "" : " (plan steps " + ranges(steps) + ")");
    }

    /** Step numbers as ranges: 3, 5-9. */
    static String ranges(List<Integer> steps) {
        List<Integer> s = steps.stream().distinct().sorted().toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            int j = i;
            while (j + 1 < s.size() && s.get(j + 1) == s.get(j) + 1) {
                j++;
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(s.get(i));
            if (j > i) {
                b.append('-').append(s.get(j));
            }
            i = j;
        }
        return b.toString();
    }
}
