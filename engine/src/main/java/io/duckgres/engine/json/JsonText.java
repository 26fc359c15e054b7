package io.duckgres.engine.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text in PostgreSQL's forms. DuckDB writes JSON compactly ({@code {"a":1}}); PostgreSQL
 * writes jsonb normalized ({@code {"a": 1, "b": [1, 2]}}: keys ordered by length, then bytes,
 * the last of duplicate keys kept, numbers as numeric prints them) and builds json by joining its
 * parts with {@code ", "} and {@code " : "} ({@code json_build_object}, {@code json_agg}). The
 * values here are parsed from text DuckDB has already validated; a text that is not JSON fails
 * with "malformed JSON".
 */
public final class JsonText {
  private JsonText() {}

  /** jsonb's text of {@code json}. */
  public static String jsonb(String json) {
    return write(normalize(parse(json)), new StringBuilder(), ", ", ": ").toString();
  }

  /** {@code json} with one space after every {@code ,} and {@code :}, keys as they are. */
  public static String spaced(String json) {
    return write(parse(json), new StringBuilder(), ", ", ": ").toString();
  }

  /**
   * The text PostgreSQL's json constructors write: the outer object's members joined with
   * {@code ", "} and {@code " : "}, the outer array's elements with {@code ", "}, the values
   * inside compact.
   */
  public static String members(String json) {
    Object value = parse(json);
    StringBuilder out = new StringBuilder();
    if (value instanceof Obj object) {
      out.append('{');
      for (int i = 0; i < object.members.size(); i++) {
        Member member = object.members.get(i);
        out.append(i == 0 ? "" : ", ").append(member.key.raw).append(" : ");
        write(member.value, out, ",", ":");
      }
      return out.append('}').toString();
    }
    if (value instanceof Arr array) {
      out.append('[');
      for (int i = 0; i < array.elements.size(); i++) {
        write(array.elements.get(i), out.append(i == 0 ? "" : ", "), ",", ":");
      }
      return out.append(']').toString();
    }
    return write(value, out, ",", ":").toString();
  }

  /**
   * What {@code json_object_agg} writes for a JSON array of [key, value] pairs:
   * {@code { "k" : v, "k2" : v2 }}, keys as given, values compact.
   */
  public static String objectAgg(String pairs) {
    if (!(parse(pairs) instanceof Arr array)) {
      throw new IllegalArgumentException("malformed JSON");
    }
    StringBuilder out = new StringBuilder("{ ");
    for (int i = 0; i < array.elements.size(); i++) {
      if (!(array.elements.get(i) instanceof Arr pair) || pair.elements.size() != 2
          || !(pair.elements.get(0) instanceof Str key)) {
        throw new IllegalArgumentException("malformed JSON");
      }
      out.append(i == 0 ? "" : ", ").append(key.raw).append(" : ");
      write(pair.elements.get(1), out, ",", ":");
    }
    return out.append(" }").toString();
  }

  /** {@code jsonb_pretty}: jsonb's text, one member or element a line, four spaces a level. */
  public static String pretty(String json) {
    StringBuilder out = new StringBuilder();
    pretty(normalize(parse(json)), out, 0);
    return out.toString();
  }

  /** {@code json(b)_strip_nulls}: object members whose value is null removed at every level. */
  public static String stripNulls(String json, boolean jsonb) {
    Object stripped = stripNulls(parse(json));
    return jsonb ? write(normalize(stripped), new StringBuilder(), ", ", ": ").toString()
        : write(stripped, new StringBuilder(), ",", ":").toString();
  }

  /**
   * {@code jsonb_set(target, path, value, create)}: {@code target} with the value at
   * {@code path} (object keys or array indexes, negative from the end) replaced by {@code value},
   * or added when only its last step is missing and {@code create} is true.
   */
  public static String set(String target, List<String> path, String value, boolean create) {
    Object root = normalize(parse(target));
    Object replacement = normalize(parse(value));
    Object result = path.isEmpty() ? root : set(root, path, 0, replacement, create);
    return write(result, new StringBuilder(), ", ", ": ").toString();
  }

  /**
   * jsonb {@code - key}: an object without the member {@code key}, an array without its string
   * elements equal to {@code key}.
   */
  public static String delete(String target, String key) {
    Object root = normalize(parse(target));
    if (root instanceof Obj object) {
      List<Member> kept = new ArrayList<>();
      for (Member member : object.members) {
        if (!member.key.value.equals(key)) {
          kept.add(member);
        }
      }
      root = new Obj(kept);
    } else if (root instanceof Arr array) {
      List<Object> kept = new ArrayList<>();
      for (Object element : array.elements) {
        if (!(element instanceof Str string && string.value.equals(key))) {
          kept.add(element);
        }
      }
      root = new Arr(kept);
    } else {
      throw new IllegalArgumentException("cannot delete from scalar");
    }
    return write(root, new StringBuilder(), ", ", ": ").toString();
  }

  private static Object set(Object node, List<String> path, int step, Object value,
      boolean create) {
    String key = path.get(step);
    boolean last = step == path.size() - 1;
    if (node instanceof Obj object) {
      List<Member> members = new ArrayList<>(object.members);
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).key.value.equals(key)) {
          Object next = last ? value : set(members.get(i).value, path, step + 1, value, create);
          members.set(i, new Member(members.get(i).key, next));
          return new Obj(members);
        }
      }
      if (last && create) {
        members.add(new Member(new Str(quote(key), key), value));
        return normalize(new Obj(members));
      }
      return node;
    }
    if (node instanceof Arr array) {
      int index;
      try {
        index = Integer.parseInt(key.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("path element at position " + (step + 1)
            + " is not an integer: \"" + key + "\"");
      }
      List<Object> elements = new ArrayList<>(array.elements);
      int position = index < 0 ? elements.size() + index : index;
      if (position >= 0 && position < elements.size()) {
        elements.set(position, last ? value
            : set(elements.get(position), path, step + 1, value, create));
      } else if (last && create) {
        elements.add(position < 0 ? 0 : elements.size(), value);
      }
      return new Arr(elements);
    }
    return node;
  }

  // ---- the value tree ----

  private record Obj(List<Member> members) {}

  private record Member(Str key, Object value) {}

  private record Arr(List<Object> elements) {}

  /** A string: {@code raw} as written (quotes and escapes), {@code value} decoded. */
  private record Str(String raw, String value) {}

  /** A number as written. */
  private record Num(String raw) {}

  /** true, false or null. */
  private record Literal(String raw) {}

  private static Object normalize(Object node) {
    if (node instanceof Obj object) {
      Map<String, Member> byKey = new LinkedHashMap<>();
      for (Member member : object.members) {
        byKey.remove(member.key.value);
        byKey.put(member.key.value, new Member(
            new Str(quote(member.key.value), member.key.value), normalize(member.value)));
      }
      List<Member> members = new ArrayList<>(byKey.values());
      members.sort((a, b) -> compareKeys(a.key.value, b.key.value));
      return new Obj(members);
    }
    if (node instanceof Arr array) {
      List<Object> elements = new ArrayList<>();
      for (Object element : array.elements) {
        elements.add(normalize(element));
      }
      return new Arr(elements);
    }
    if (node instanceof Str string) {
      return new Str(quote(string.value), string.value);
    }
    if (node instanceof Num number) {
      return new Num(new BigDecimal(number.raw).toPlainString());
    }
    return node;
  }

  /** jsonb's key order: shorter keys first, keys of one length by their UTF-8 bytes. */
  private static int compareKeys(String a, String b) {
    byte[] left = a.getBytes(StandardCharsets.UTF_8);
    byte[] right = b.getBytes(StandardCharsets.UTF_8);
    if (left.length != right.length) {
      return Integer.compare(left.length, right.length);
    }
    return Arrays.compareUnsigned(left, right);
  }

  private static Object stripNulls(Object node) {
    if (node instanceof Obj object) {
      List<Member> kept = new ArrayList<>();
      for (Member member : object.members) {
        if (!(member.value instanceof Literal literal && literal.raw.equals("null"))) {
          kept.add(new Member(member.key, stripNulls(member.value)));
        }
      }
      return new Obj(kept);
    }
    if (node instanceof Arr array) {
      List<Object> elements = new ArrayList<>();
      for (Object element : array.elements) {
        elements.add(stripNulls(element));
      }
      return new Arr(elements);
    }
    return node;
  }

  private static StringBuilder write(Object node, StringBuilder out, String comma, String colon) {
    if (node instanceof Obj object) {
      out.append('{');
      for (int i = 0; i < object.members.size(); i++) {
        Member member = object.members.get(i);
        out.append(i == 0 ? "" : comma).append(member.key.raw).append(colon);
        write(member.value, out, comma, colon);
      }
      return out.append('}');
    }
    if (node instanceof Arr array) {
      out.append('[');
      for (int i = 0; i < array.elements.size(); i++) {
        write(array.elements.get(i), out.append(i == 0 ? "" : comma), comma, colon);
      }
      return out.append(']');
    }
    return out.append(scalar(node));
  }

  private static void pretty(Object node, StringBuilder out, int level) {
    if (node instanceof Obj object && !object.members.isEmpty()) {
      out.append("{\n");
      for (int i = 0; i < object.members.size(); i++) {
        Member member = object.members.get(i);
        indent(out, level + 1).append(member.key.raw).append(": ");
        pretty(member.value, out, level + 1);
        out.append(i == object.members.size() - 1 ? "\n" : ",\n");
      }
      indent(out, level).append('}');
    } else if (node instanceof Arr array && !array.elements.isEmpty()) {
      out.append("[\n");
      for (int i = 0; i < array.elements.size(); i++) {
        pretty(array.elements.get(i), indent(out, level + 1), level + 1);
        out.append(i == array.elements.size() - 1 ? "\n" : ",\n");
      }
      indent(out, level).append(']');
    } else {
      write(node, out, ", ", ": ");
    }
  }

  private static StringBuilder indent(StringBuilder out, int level) {
    return out.append("    ".repeat(level));
  }

  private static String scalar(Object node) {
    if (node instanceof Str string) {
      return string.raw;
    }
    if (node instanceof Num number) {
      return number.raw;
    }
    return ((Literal) node).raw;
  }

  /** A string constant as PostgreSQL writes it: {@code "}, {@code \} and control characters escaped. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The strings of a JSON array of strings ({@code ["a","2"]}), as jsonb_set's path. */
  public static List<String> stringArray(String json) {
    if (!(parse(json) instanceof Arr array)) {
      throw new IllegalArgumentException("path must be a text array");
    }
    List<String> strings = new ArrayList<>();
    for (Object element : array.elements) {
      if (!(element instanceof Str string)) {
        throw new IllegalArgumentException("path must be a text array");
      }
      strings.add(string.value);
    }
    return strings;
  }

  static Object parse(String json) {
    JsonReader reader = new JsonReader(json);
    Object value = reader.value();
    reader.end();
    return value;
  }

  /** A recursive-descent reader of one JSON value. */
  private static final class JsonReader {
    private final String text;
    private int at;

    JsonReader(String text) {
      this.text = text;
    }

    Object value() {
      skipBlanks();
      if (at >= text.length()) {
        throw malformed();
      }
      char c = text.charAt(at);
      if (c == '{') {
        at++;
        List<Member> members = new ArrayList<>();
        skipBlanks();
        if (peek() == '}') {
          at++;
          return new Obj(members);
        }
        while (true) {
          skipBlanks();
          if (peek() != '"') {
            throw malformed();
          }
          Str key = string();
          skipBlanks();
          expect(':');
          members.add(new Member(key, value()));
          skipBlanks();
          if (peek() == ',') {
            at++;
          } else {
            expect('}');
            return new Obj(members);
          }
        }
      }
      if (c == '[') {
        at++;
        List<Object> elements = new ArrayList<>();
        skipBlanks();
        if (peek() == ']') {
          at++;
          return new Arr(elements);
        }
        while (true) {
          elements.add(value());
          skipBlanks();
          if (peek() == ',') {
            at++;
          } else {
            expect(']');
            return new Arr(elements);
          }
        }
      }
      if (c == '"') {
        return string();
      }
      for (String literal : new String[] {"true", "false", "null"}) {
        if (text.startsWith(literal, at)) {
          at += literal.length();
          return new Literal(literal);
        }
      }
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      String number = text.substring(start, at);
      try {
        new BigDecimal(number);
      } catch (NumberFormatException e) {
        throw malformed();
      }
      return new Num(number);
    }

    private Str string() {
      int start = at++;
      StringBuilder value = new StringBuilder();
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '"') {
          return new Str(text.substring(start, at), value.toString());
        }
        if (c != '\\') {
          value.append(c);
          continue;
        }
        if (at >= text.length()) {
          break;
        }
        char escaped = text.charAt(at++);
        switch (escaped) {
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw malformed();
            }
            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> value.append(escaped);
        }
      }
      throw malformed();
    }

    void end() {
      skipBlanks();
      if (at != text.length()) {
        throw malformed();
      }
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw malformed();
      }
      at++;
    }

    private void skipBlanks() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private IllegalArgumentException malformed() {
      return new IllegalArgumentException("malformed JSON");
    }
  }
}
