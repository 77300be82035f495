package imago.model.upgrade;

/** A library the new version needs at another version; on a shared host it can break neighbours. */
public record LibraryChange(String name, String fromVersion, String toVersion) {
}
