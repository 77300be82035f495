package imago.model.workload;

import java.util.List;

/** The traffic offered to the system during an experiment. */
public record Workload(Arrivals arrivals, Sessions sessions, List<RequestType> mix,
                       AsyncInteractions async, double timeoutS) {

    public Workload {
        mix = List.copyOf(mix);
    }

    /** Share of requests that write. */
    public double writeFraction() {
        double total = mix.stream().mapToDouble(RequestType::weight).sum();
        return mix.stream().filter(RequestType::write).mapToDouble(RequestType::weight).sum() / total;
    }
}
