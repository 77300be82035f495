package imago.faultmodel.cluster;

import imago.faultmodel.data.Feature;

import java.util.List;

/** Which coded features the distance between two reports is computed from. */
public enum FeatureSet {
    /**
     * What the fault broke and who made it: the stage plus the five "involves" flags plus human
     * error. The four fault types are defined by exactly this (DESIGN §2), so this is the default;
     * component, symptom, version gap and detection describe where and how a fault showed and are
     * used to name clusters and for detection, not to form them.
     */
    CAUSE(List.of(Feature.STAGE, Feature.CONFIG, Feature.PERSISTENT_DATA, Feature.LIBRARY_OR_RUNTIME,
            Feature.PORT_OR_LOCATION, Feature.PERMISSIONS, Feature.HUMAN_ERROR)),
    /** Every coded feature (a sensitivity check). */
    ALL(List.of(Feature.values()));

    private final List<Feature> features;

    FeatureSet(List<Feature> features) {
        this.features = features;
    }

    public List<Feature> features() {
        return features;
    }
}
