package imago.experiments.lint;

import imago.model.upgrade.SchemaChange;

import java.util.ArrayList;
import java.util.List;

/**
 * Old-version nodes serve on data whose conversion to an incompatible schema has begun, the schema
 * given by {@code compatible: false} alone.
 */
record RollingIncompatibleSchema() implements Rule {
    @Override
    public String name() {
        return "rolling-incompatible-schema";
    }

    @Override
    public String doc() {
        return "old-version nodes keep serving after an incompatible schema conversion has begun, and fail on the converted data";
    }

    @Override
    public List<Finding> check(Subject s) {
        List<Finding> out = new ArrayList<>();
        SchemaChange schema = s.experiment().upgrade().schema().orElse(null);
        // With its operations listed, a rule per hazardous operation names the cause instead.
        if (schema == null || schema.compatible() || !schema.changes().isEmpty()) {
            return out;
        }
        List<String> readers = SchemaOpRule.readers(s, schema);
        for (int k = 0; k < s.plans().size(); k++) {
            List<Integer> steps = s.stepsWhere(k, st -> SchemaOpRule.oldReaderOnConvertedData(st, readers));
            if (!steps.isEmpty()) {
                out.add(new Finding(Finding.Severity.WARNING, name(), s.at(s.scenarioPath(k) + ".strategy"),
                        "scenario '" + s.scenarios().get(k).name() + "' (" + s.scenarios().get(k).strategy().kind()
                                + ") keeps old-version " + String.join("/", readers) + " nodes serving while " + schema.database()
                                + "'s data is converted to a schema they cannot read (upgrade.schema.compatible: false);"
                                + " use imago or blue-green, or make the change compatible", steps));
            }
        }
        return out;
    }
}
