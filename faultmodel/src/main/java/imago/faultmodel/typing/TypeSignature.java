package imago.faultmodel.typing;

import imago.faultmodel.data.Feature;
import imago.model.fault.FaultType;

import java.util.List;

/**
 * What a cluster of each fault type looks like in the coded features, written down from the
 * definitions of the types (DESIGN §2, {@link FaultType}) and never from the labels:
 *
 * <ul>
 *   <li>1 simple configuration or procedural error: an operator's slip ({@code human_error}),
 *       typically a wrong location ({@code port_or_location});</li>
 *   <li>2 semantic configuration error: the configuration is involved, but not as a wrong
 *       location;</li>
 *   <li>3 broken environmental dependency: a library or runtime is involved;</li>
 *   <li>4 data-access error: persistent data is involved, typically while it is migrated.</li>
 * </ul>
 *
 * Configuration involvement is shared by types 1 and 2, so it is not an indicator of type 1.
 *
 * A cluster's score for a type is the mean, over the type's indicators, of how much more (sign
 * +1) or less (sign -1) common the indicated value is in the cluster than in all reports.
 */
public record TypeSignature(FaultType type, List<Indicator> indicators) {

    /** One feature value and whether a type makes it more (+1) or less (-1) common. */
    public record Indicator(Feature feature, String value, int sign) {
    }

    public TypeSignature {
        indicators = List.copyOf(indicators);
    }

    public static final List<TypeSignature> DEFAULT = List.of(
            new TypeSignature(FaultType.SIMPLE_CONFIG, List.of(
                    new Indicator(Feature.HUMAN_ERROR, "yes", +1),
                    new Indicator(Feature.PORT_OR_LOCATION, "yes", +1))),
            new TypeSignature(FaultType.SEMANTIC_CONFIG, List.of(
                    new Indicator(Feature.CONFIG, "yes", +1),
                    new Indicator(Feature.PORT_OR_LOCATION, "yes", -1))),
            new TypeSignature(FaultType.BROKEN_ENVIRONMENT, List.of(
                    new Indicator(Feature.LIBRARY_OR_RUNTIME, "yes", +1))),
            new TypeSignature(FaultType.DATA_ACCESS, List.of(
                    new Indicator(Feature.PERSISTENT_DATA, "yes", +1),
                    new Indicator(Feature.STAGE, "data-migration", +1))));

    public double score(Prevalence p, int cluster) {
        double s = 0;
        for (Indicator i : indicators) {
            s += i.sign() * p.lift(cluster, i.feature(), i.value());
        }
        return s / indicators.size();
    }
}
