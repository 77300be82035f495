package imago.model.upgrade;

/** A configuration directive the new version changes: renamed, or with a new meaning (a new unit, say). */
public record ConfigDirective(String name, boolean semanticsChanged) {
}
