package imago.model.experiment;

import java.util.List;

/** One axis of a parameter grid: a named parameter and the values it takes. */
public record Sweep(SweepParameter parameter, List<Double> values) {
    public Sweep {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values: must not be empty");
        }
    }
}
