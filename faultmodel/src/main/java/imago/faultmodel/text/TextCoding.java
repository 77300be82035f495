package imago.faultmodel.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Codes a report's short text as a simple slip or a semantic configuration problem, by rules
 * written from the definitions of fault types 1 and 2 (DESIGN §2) and never from the labels:
 * <ul>
 *   <li>{@link Code#SLIP}: a typo or syntax error, a step forgotten, skipped or run wrongly, a wrong
 *       path, file or command, something left stale (type 1's "simple configuration or procedural
 *       error");</li>
 *   <li>{@link Code#SEMANTIC}: a default, option or contract changed, renamed or removed by a new
 *       version, a setting ignored or read differently, a meaning misunderstood (type 2);</li>
 *   <li>{@link Code#NONE}: neither, or both equally.</li>
 * </ul>
 * Two passes built on different principles, so that their agreement says how much the coding
 * depends on how the rules are written. Both were written by the same author in one session: the
 * agreement is between rule sets, not between independent human coders.
 */
public sealed interface TextCoding {

    enum Code { SLIP, SEMANTIC, NONE }

    Code code(String text);

    String name();

    /**
     * Pass 1, keywords: counts words and stems of each list; the larger count wins, a tie is NONE.
     */
    record Keywords() implements TextCoding {
        static final List<String> SLIP = List.of("typo", "syntax", "misspel", "spelling", "forgot", "forget",
                "skipp", "skipped", "mistake", "wrong", "omit", "omitted", "stale", "leftover", "left over",
                "duplicate", "misplaced", "not run", "not restart", "never mount", "not mount", "not clear",
                "unknown option", "unknown directive", "invalid", "manual step", "missing step", "out of order");
        static final List<String> SEMANTIC = List.of("default", "renamed", "rename", "removed", "deprecated",
                "no longer", "now must", "now require", "new required", "requires new", "meaning", "semantic",
                "precedence", "ignored", "not applied", "override", "overwritten", "format changed",
                "changed", "behaviour", "behavior", "interpret", "incompatible config", "mismatch");

        @Override
        public Code code(String text) {
            String t = " " + text.toLowerCase(Locale.ROOT) + " ";
            int slip = count(t, SLIP);
            int sem = count(t, SEMANTIC);
            return slip > sem ? Code.SLIP : sem > slip ? Code.SEMANTIC : Code.NONE;
        }

        private static int count(String t, List<String> words) {
            int n = 0;
            for (String w : words) {
                if (t.contains(w)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public String name() {
            return "keywords";
        }
    }

    /**
     * Pass 2, phrase patterns: a report is SLIP when a slip pattern matches and no semantic one
     * does, SEMANTIC the other way round, NONE otherwise.
     */
    record Patterns() implements TextCoding {
        static final List<Pattern> SLIP = compile(
                "\\b(forg[eo]t|missed|skipped|skipping)\\b",
                "\\b(not|never|without)\\s+(being\\s+)?(run|running|ran|restart(ed|ing)?|mounted|cleared|copied|installed|updated)\\b",
                "\\bwrong\\s+\\w+",
                "\\b(typo|syntax\\s+error|misspell\\w*|spelling)\\b",
                "\\bunknown\\s+(option|directive|variable|command)\\b",
                "\\bduplicat\\w*\\b",
                "\\b(in|into)\\s+the\\s+wrong\\b",
                "\\b(stale|left\\s*over|old\\s+files)\\b",
                "\\bmy\\s+(fault|mistake)\\b");
        static final List<Pattern> SEMANTIC = compile(
                "\\bdefaults?\\b",
                "\\b(renamed|removed|deprecated|dropped)\\b",
                "\\bno\\s+longer\\b",
                "\\bnow\\s+(must|requires?|needs?)\\b",
                "\\bnew\\s+(required|mandatory)\\b",
                "\\b(meaning|semantics?|precedence|interpret\\w*)\\b",
                "\\b(silently\\s+)?ignor(ed|es)\\b",
                "\\b(changed|changes)\\s+(the\\s+)?(default|behaviou?r|format|meaning)\\b");

        @Override
        public Code code(String text) {
            boolean slip = SLIP.stream().anyMatch(p -> p.matcher(text).find());
            boolean sem = SEMANTIC.stream().anyMatch(p -> p.matcher(text).find());
            return slip && !sem ? Code.SLIP : sem && !slip ? Code.SEMANTIC : Code.NONE;
        }

        private static List<Pattern> compile(String... regex) {
            return java.util.Arrays.stream(regex).map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
        }

        @Override
        public String name() {
            return "patterns";
        }
    }

    /** Cohen's kappa of two codings of the same items: (observed - chance agreement) / (1 - chance). */
    static double cohensKappa(List<Code> a, List<Code> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("need two equally long, non-empty codings");
        }
        int k = Code.values().length;
        double[][] m = new double[k][k];
        for (int i = 0; i < a.size(); i++) {
            m[a.get(i).ordinal()][b.get(i).ordinal()]++;
        }
        double n = a.size();
        double observed = 0;
        double chance = 0;
        for (int c = 0; c < k; c++) {
            observed += m[c][c] / n;
            double row = 0;
            double col = 0;
            for (int d = 0; d < k; d++) {
                row += m[c][d];
                col += m[d][c];
            }
            chance += (row / n) * (col / n);
        }
        return chance == 1 ? 1 : (observed - chance) / (1 - chance);
    }
}
