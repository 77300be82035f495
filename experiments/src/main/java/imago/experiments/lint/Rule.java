package imago.experiments.lint;

import java.util.List;

/** One hazard check, with a stable name and one line of documentation (listed in the README). */
interface Rule {
    String name();

    String doc();

    List<Finding> check(Subject subject);
}
