package imago.experiments.run;

import java.util.List;

/** Slice {@code index} (1-based) of {@code count}: every count-th task, so slices are balanced. */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/N with 1 <= i <= N (was " + index + "/" + count + ")");
        }
    }

    /** Parses {@code i/N}; the message of the exception says what is wrong. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a shard is i/N, e.g. 2/8 (was '" + text + "')");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a shard is i/N with whole numbers, e.g. 2/8 (was '" + text + "')");
        }
    }

    public <T> List<T> slice(List<T> all) {
        java.util.ArrayList<T> out = new java.util.ArrayList<>();
        for (int i = index - 1; i < all.size(); i += count) {
            out.add(all.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
