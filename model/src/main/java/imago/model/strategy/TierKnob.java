package imago.model.strategy;

import java.util.Map;
import java.util.TreeMap;

/**
 * A rolling knob for every upgraded tier: one value for all ({@code maxSurge: "25%"}), or a value
 * per tier ({@code maxSurge: {app: 1, web: "50%"}}) with {@code fallback} for the tiers not listed.
 */
public record TierKnob(IntOrPercent fallback, Map<String, IntOrPercent> byTier) {

    public TierKnob {
        byTier = java.util.Collections.unmodifiableMap(new TreeMap<>(byTier));
    }

    /** The same value for every tier. */
    public static TierKnob all(IntOrPercent value) {
        return new TierKnob(value, Map.of());
    }

    public IntOrPercent of(String tier) {
        return byTier.getOrDefault(tier, fallback);
    }

    @Override
    public String toString() {
        return byTier.isEmpty() ? fallback.toString() : byTier + " (others " + fallback + ")";
    }
}
