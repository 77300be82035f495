package imago.experiments.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ids, numbers and link targets of a report's sections, computed once so that the Markdown and
 * the HTML number figures and tables the same way.
 */
final class Anchors {

    private final Map<Integer, String> ids = new HashMap<>();
    private final Map<Integer, Integer> numbers = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();

    Anchors(List<Section> sections) {
        Set<String> used = new HashSet<>(Set.of("contents", "provenance"));
        int figures = 0;
        int tables = 0;
        for (int i = 0; i < sections.size(); i++) {
            switch (sections.get(i)) {
                case Section.Heading h -> name(i, unique(slug(h.text()), used), h.text());
                case Section.Chart c -> {
                    numbers.put(i, ++figures);
                    name(i, unique("figure-" + figures, used), c.title());
                }
                case Section.Table t -> {
                    numbers.put(i, ++tables);
                    name(i, unique("table-" + tables, used), t.caption());
                }
                case Section.Claims c -> name(i, unique("claims", used), c.caption());
                case Section.Paragraph p -> { }
                case Section.Code c -> { }
            }
        }
    }

    private void name(int index, String id, String text) {
        ids.put(index, id);
        if (!text.isBlank()) {
            byName.putIfAbsent(text.strip(), id);
        }
    }

    /** The id of the section at {@code index}, if it has one. */
    Optional<String> id(int index) {
        return Optional.ofNullable(ids.get(index));
    }

    /** The figure or table number of the section at {@code index}. */
    int number(int index) {
        return numbers.getOrDefault(index, 0);
    }

    /** The id of the chart, table or heading with this title, for claims that cite it. */
    Optional<String> target(String title) {
        return Optional.ofNullable(byName.get(title.strip()));
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "section" : s;
    }

    private static String unique(String base, Set<String> used) {
        String id = base;
        for (int k = 2; !used.add(id); k++) {
            id = base + "-" + k;
        }
        return id;
    }
}
