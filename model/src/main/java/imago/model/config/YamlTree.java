package imago.model.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses YAML with Jackson's streaming parser into a {@link YamlNode} tree that keeps locations. */
public final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** A config nests a few levels; far deeper is a mistake or an attack on the parser's stack. */
    static final int MAX_DEPTH = 64;

    private YamlTree() {
    }

    /** Reads a config file; every problem (missing, a directory, empty, bad syntax) is located. */
    public static YamlNode read(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ConfigException(Location.of(file), "", "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(Location.of(file), "", "is a directory, not a config file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(Location.of(file), "", "cannot read: " + e.getMessage());
        }
        return parse(name, utf8(name, bytes));
    }

    /** Decodes UTF-8, or fails at the line and column of the first byte that is not UTF-8. */
    static String utf8(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            String before = out.flip().toString();
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
            throw new ConfigException(new Location(name, line, column), "", String.format(
                    "not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8", bytes[at] & 0xff, at));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Parses {@code text}; {@code name} is used in locations. */
    public static YamlNode parse(String name, String text) {
        if (text.isBlank()) {
            throw new ConfigException(new Location(name, 1, 1), "", "empty file");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigException(new Location(name, 1, 1), "", "empty file (only comments)");
            }
            YamlNode root = node(name, p, t, 1);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new ConfigException(loc(name, p.currentTokenLocation()), "",
                        "more than one YAML document; a config is a single document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(loc(name, e.getLocation()), "", "YAML syntax error: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(new Location(name, 0, 0), "", "cannot parse: " + e.getMessage());
        }
    }

    private static YamlNode node(String name, JsonParser p, JsonToken t, int depth) throws IOException {
        Location at = loc(name, p.currentTokenLocation());
        // Jackson reads an alias as its anchor's name (name: *x gives 'x'); expanding aliases invites
        // exponential documents, and a config gains little from them, so they are refused.
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new ConfigException(at, "", "YAML aliases (*" + p.getText() + ") are not supported; write the value out in full");
        }
        if (depth > MAX_DEPTH) {
            throw new ConfigException(at, "", "nested more than " + MAX_DEPTH + " levels deep; a config needs only a few");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode.Key> keys = new LinkedHashMap<>();
                Map<String, YamlNode> values = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    Location keyAt = loc(name, p.currentTokenLocation());
                    if (keys.containsKey(key)) {
                        throw new ConfigException(keyAt, key, "duplicate key (first at line " + keys.get(key).location().line() + ")");
                    }
                    JsonToken v = p.nextToken();
                    keys.put(key, new YamlNode.Key(key, keyAt));
                    values.put(key, node(name, p, v, depth + 1));
                }
                return new YamlNode.Mapping(at, keys, values);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(node(name, p, i, depth + 1));
                }
                return new YamlNode.Sequence(at, items);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(at, p.getText(), YamlNode.ScalarType.STRING);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(at, p.getText(), YamlNode.ScalarType.NUMBER);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(at, p.getText(), YamlNode.ScalarType.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(at, "null", YamlNode.ScalarType.NULL);
            }
            default -> throw new ConfigException(at, "", "unsupported YAML content (" + t + ")");
        }
    }

    static Location loc(String name, JsonLocation l) {
        if (l == null) {
            return new Location(name, 0, 0);
        }
        return new Location(name, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid YAML";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).strip();
    }
}
