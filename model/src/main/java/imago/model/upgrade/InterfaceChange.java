package imago.model.upgrade;

/**
 * An interface whose behaviour moves: between tiers, or from server code into client-side code
 * (the Onward! 2010 example: bid validation moved to the browser). A producer of one version and a
 * consumer of the other then validate twice or not at all: a mixed-version race.
 */
public record InterfaceChange(String name, Move move, String fromTier, String toTier) {

    public enum Move {
        BETWEEN_TIERS, SERVER_TO_CLIENT;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
