package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Array text input, after PostgreSQL's array_in: optional {@code [lo:hi]=} dimension decoration
 * (the bounds are dropped: a List starts at 1), braces, comma-separated elements that are either
 * double-quoted (with {@code \} escaping the next character) or bare (trimmed of unescaped
 * whitespace, {@code \} escapes too; a bare {@code NULL} in any case is SQL NULL). Nested braces
 * give a list of lists. Each element's text goes to the element type's text reader.
 */
final class ArrayTextParser {
  private final PgType<?> elementType;
  private final FormatOptions options;
  private final ByteBuf in;
  private final int start;
  private final int end;
  private final ByteBuf scratch = Unpooled.buffer();
  private int pos;

  private ArrayTextParser(PgType<?> elementType, ByteBuf in, int length, FormatOptions options) {
    this.elementType = elementType;
    this.options = options;
    this.in = in;
    this.start = in.readerIndex();
    this.end = start + length;
    this.pos = start;
  }

  static List<?> parse(PgType<?> elementType, ByteBuf in, int length, FormatOptions options) {
    ArrayTextParser parser = new ArrayTextParser(elementType, in, length, options);
    try {
      List<Object> result = parser.run();
      in.readerIndex(parser.end);
      return result;
    } finally {
      parser.scratch.release();
    }
  }

  private List<Object> run() {
    skipSpaces();
    if (pos < end && in.getByte(pos) == '[') {
      while (pos < end && in.getByte(pos) != '=') {
        byte b = in.getByte(pos);
        if (!(b == '[' || b == ']' || b == ':' || b == '-' || b == '+' || (b >= '0' && b <= '9')
            || TextCodec.isSpace(b))) {
          throw malformed("Array value must start with \"{\" or dimension information.");
        }
        pos++;
      }
      pos++;
      skipSpaces();
    }
    if (pos >= end || in.getByte(pos) != '{') {
      throw malformed("Array value must start with \"{\" or dimension information.");
    }
    List<Object> result = list(0);
    skipSpaces();
    if (pos != end) {
      throw malformed("Junk after closing right brace.");
    }
    List<Integer> dimensions = new ArrayList<>();
    for (Object level = result; level instanceof List<?> l && !l.isEmpty(); level = l.get(0)) {
      dimensions.add(l.size());
    }
    if (!result.isEmpty()) {
      checkRectangular(result, 0, dimensions);
    }
    return result;
  }

  /** Parses from a '{' through its matching '}'. */
  private List<Object> list(int depth) {
    pos++; // '{'
    List<Object> elements = new ArrayList<>();
    skipSpaces();
    if (pos < end && in.getByte(pos) == '}') {
      if (depth > 0) {
        throw malformed("Unexpected \"}\" character."); // an empty sub-array
      }
      pos++;
      return elements;
    }
    boolean scalars = false;
    while (true) {
      skipSpaces();
      if (pos >= end) {
        throw malformed("Unexpected end of input.");
      }
      byte b = in.getByte(pos);
      if (b == '{') {
        if (scalars) {
          throw malformed("Unexpected \"{\" character.");
        }
        elements.add(list(depth + 1));
      } else if (b == '"') {
        elements.add(quoted());
        scalars = true;
      } else if (b == ',' || b == '}') {
        throw malformed("Unexpected \"" + (char) b + "\" character.");
      } else {
        elements.add(bare());
        scalars = true;
      }
      skipSpaces();
      if (pos >= end) {
        throw malformed("Unexpected end of input.");
      }
      b = in.getByte(pos++);
      if (b == '}') {
        return elements;
      }
      if (b != ',') {
        throw malformed("Unexpected array element.");
      }
    }
  }

  /** A multidimensional array must be a full box: every sub-array of a level equally long. */
  private void checkRectangular(List<?> level, int depth, List<Integer> dimensions) {
    boolean innermost = depth == dimensions.size() - 1;
    if (level.size() != dimensions.get(depth)) {
      throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
    }
    for (Object element : level) {
      if (innermost == (element instanceof List<?>)) {
        throw malformed("Unexpected array element.");
      }
      if (!innermost) {
        checkRectangular((List<?>) element, depth + 1, dimensions);
      }
    }
  }

  private Object quoted() {
    pos++; // opening quote
    scratch.clear();
    while (true) {
      if (pos >= end) {
        throw malformed("Unexpected end of input.");
      }
      byte b = in.getByte(pos++);
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        if (pos >= end) {
          throw malformed("Unexpected end of input.");
        }
        b = in.getByte(pos++);
      }
      scratch.writeByte(b);
    }
    return element();
  }

  private Object bare() {
    scratch.clear();
    int keep = 0; // length up to the last escaped or non-space byte
    boolean escaped = false;
    while (pos < end) {
      byte b = in.getByte(pos);
      if (b == ',' || b == '}') {
        break;
      }
      if (b == '{') {
        throw malformed("Unexpected \"{\" character.");
      }
      if (b == '"') {
        throw malformed("Unexpected array element.");
      }
      pos++;
      if (b == '\\') {
        if (pos >= end) {
          throw malformed("Unexpected end of input.");
        }
        scratch.writeByte(in.getByte(pos++));
        keep = scratch.writerIndex();
        escaped = true;
      } else {
        scratch.writeByte(b);
        if (!TextCodec.isSpace(b)) {
          keep = scratch.writerIndex();
        }
      }
    }
    scratch.writerIndex(keep);
    if (!escaped && keep == 4 && isNull(scratch)) {
      return null;
    }
    return element();
  }

  private static boolean isNull(ByteBuf text) {
    return (text.getByte(0) | 0x20) == 'n'
        && (text.getByte(1) | 0x20) == 'u'
        && (text.getByte(2) | 0x20) == 'l'
        && (text.getByte(3) | 0x20) == 'l';
  }

  private Object element() {
    return elementType.readText(scratch, scratch.readableBytes(), options);
  }

  private void skipSpaces() {
    while (pos < end && TextCodec.isSpace(in.getByte(pos))) {
      pos++;
    }
  }

  private PgException malformed(String detail) {
    return new PgException(
        PgException.Severity.ERROR,
        SqlState.INVALID_TEXT_REPRESENTATION,
        "malformed array literal: \"" + TypeErrors.inputText(in, start, end - start) + "\"",
        detail,
        null,
        0,
        null);
  }
}
