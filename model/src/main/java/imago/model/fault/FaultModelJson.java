package imago.model.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import imago.model.config.ConfigException;
import imago.model.config.Location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code fault-model.json}, the hand-over format between faultmodel and the rest. */
public final class FaultModelJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FaultModelJson() {
    }

    public static String toJson(FaultModel model) {
        try {
            return MAPPER.writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise fault model", e);
        }
    }

    /** Writes atomically: a temporary file in the same folder, then a rename. */
    public static void write(FaultModel model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson(model));
            // createTempFile makes owner-only files; a result file is meant to be shared.
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep its defaults
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a model; any problem is a {@link ConfigException} naming the file, line and column. */
    public static FaultModel read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(Location.of(file), "", "cannot read fault model: " + e.getMessage());
        }
        try {
            return MAPPER.readValue(text, FaultModel.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            // Records are built after the whole object is read, so Jackson's location is the
            // object's end; point at the key itself instead.
            String key = e.getPropertyName();
            int at = keyOffset(text, key);
            int line = 1 + (int) text.substring(0, Math.max(at, 0)).chars().filter(c -> c == '\n').count();
            int col = at < 0 ? 0 : at - text.lastIndexOf('\n', at - 1);
            throw new ConfigException(new Location(file.toString(), at < 0 ? 0 : line, col), key,
                    "unknown field (expected one of " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            var loc = e.getLocation();
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            Throwable root = e.getCause() != null ? e.getCause() : e;
            return fail(file, loc, field, root.getMessage() != null ? firstLine(root.getMessage()) : e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return fail(file, e.getLocation(), "", firstLine(e.getOriginalMessage()));
        }
    }

    private static FaultModel fail(Path file, com.fasterxml.jackson.core.JsonLocation loc, String field, String msg) {
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : loc.getColumnNr();
        throw new ConfigException(new Location(file.toString(), line, col), field, msg);
    }

    private static int keyOffset(String text, String key) {
        var m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(key) + "\"\\s*:").matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
