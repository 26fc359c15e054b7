package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An array type ({@code _int4}, {@code _text} …) over an element type. The Java value is a
 * {@link List} whose elements are the element type's values or null; a list of lists is a
 * multidimensional array.
 *
 * <p>Text (array_out): {@code {1,2,NULL}}; an element is double-quoted when it is empty, equals
 * {@code NULL} in any case, or contains {@code { } , " \} or whitespace, and inside quotes
 * {@code "} and {@code \} are backslash-escaped. Binary (array_send):
 *
 * <pre>
 * int32 ndim | int32 hasnull | int32 element oid | ndim * (int32 size | int32 lower bound = 1)
 *   | per element: int32 length (-1 for NULL) | element bytes
 * </pre>
 *
 * An empty array is {@code {}} and ndim 0. Text input parsing is in {@link ArrayTextParser}.
 */
public final class PgArrayType extends PgType<List<?>> {
  private static final int MAX_DIMENSIONS = 6;

  private final PgType<?> elementType;

  @SuppressWarnings("unchecked")
  public PgArrayType(PgType<?> elementType) {
    super(
        elementType.arrayOid(),
        "_" + elementType.name(),
        -1,
        0,
        (Class<List<?>>) (Class<?>) List.class);
    if (elementType.arrayOid() == 0) {
      throw new IllegalArgumentException(elementType.name() + " has no array type");
    }
    this.elementType = elementType;
  }

  /** pg_type.typelem. */
  public PgType<?> elementType() {
    return elementType;
  }

  @Override
  public void writeText(List<?> value, ByteBuf out, FormatOptions options) {
    out.writeByte('{');
    boolean first = true;
    for (Object element : value) {
      if (!first) {
        out.writeByte(',');
      }
      first = false;
      if (element == null) {
        out.writeByte('N').writeByte('U').writeByte('L').writeByte('L');
      } else if (element instanceof List<?> nested) {
        writeText(nested, out, options);
      } else {
        int start = out.writerIndex();
        elementType.writeTextObject(element, out, options);
        quoteIfNeeded(out, start);
      }
    }
    out.writeByte('}');
  }

  /** Re-writes the element just written at [start, writerIndex) quoted, if it needs quotes. */
  private static void quoteIfNeeded(ByteBuf out, int start) {
    int end = out.writerIndex();
    int length = end - start;
    boolean needsQuotes = length == 0 || (length == 4 && isNull(out, start));
    for (int i = start; i < end && !needsQuotes; i++) {
      byte b = out.getByte(i);
      needsQuotes = b == '"' || b == '\\' || b == '{' || b == '}' || b == ','
          || TextCodec.isSpace(b);
    }
    if (!needsQuotes) {
      return;
    }
    byte[] text = new byte[length];
    out.getBytes(start, text);
    out.writerIndex(start);
    out.writeByte('"');
    for (byte b : text) {
      if (b == '"' || b == '\\') {
        out.writeByte('\\');
      }
      out.writeByte(b);
    }
    out.writeByte('"');
  }

  private static boolean isNull(ByteBuf out, int start) {
    return (out.getByte(start) | 0x20) == 'n'
        && (out.getByte(start + 1) | 0x20) == 'u'
        && (out.getByte(start + 2) | 0x20) == 'l'
        && (out.getByte(start + 3) | 0x20) == 'l';
  }

  @Override
  public void writeBinary(List<?> value, ByteBuf out) {
    if (value.isEmpty()) {
      out.writeInt(0);
      out.writeInt(0);
      out.writeInt(elementType.oid());
      return;
    }
    List<Integer> dimensions = new ArrayList<>();
    for (Object level = value; level instanceof List<?> list && !list.isEmpty(); ) {
      dimensions.add(list.size());
      level = list.get(0);
    }
    if (dimensions.size() > MAX_DIMENSIONS) {
      throw tooManyDimensions(dimensions.size());
    }
    out.writeInt(dimensions.size());
    int flagsIndex = out.writerIndex();
    out.writeInt(0);
    out.writeInt(elementType.oid());
    for (int size : dimensions) {
      out.writeInt(size);
      out.writeInt(1);
    }
    if (writeElements(value, 0, dimensions, out)) {
      out.setInt(flagsIndex, 1);
    }
  }

  /** Writes the elements of one level; returns whether any was null. */
  private boolean writeElements(List<?> level, int depth, List<Integer> dimensions, ByteBuf out) {
    if (level.size() != dimensions.get(depth)) {
      throw notRectangular();
    }
    boolean hasNull = false;
    boolean innermost = depth == dimensions.size() - 1;
    for (Object element : level) {
      if (!innermost) {
        if (!(element instanceof List<?> nested)) {
          throw notRectangular();
        }
        hasNull |= writeElements(nested, depth + 1, dimensions, out);
      } else if (element == null) {
        out.writeInt(-1);
        hasNull = true;
      } else if (element instanceof List<?>) {
        throw notRectangular();
      } else {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        elementType.writeBinaryObject(element, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
      }
    }
    return hasNull;
  }

  @Override
  public List<?> readText(ByteBuf in, int length, FormatOptions options) {
    return ArrayTextParser.parse(elementType, in, length, options);
  }

  @Override
  public List<?> readBinary(ByteBuf in, int length) {
    if (length < 12) {
      throw TypeErrors.binaryFormat();
    }
    int end = in.readerIndex() + length;
    int ndim = in.readInt();
    int flags = in.readInt();
    int elementOid = in.readInt();
    if (ndim < 0) {
      throw TypeErrors.binaryFormat("invalid number of dimensions: " + ndim);
    }
    if (ndim > MAX_DIMENSIONS) {
      throw tooManyDimensions(ndim);
    }
    if (flags != 0 && flags != 1) {
      throw TypeErrors.binaryFormat("invalid array flags");
    }
    if (elementOid != elementType.oid()) {
      throw new PgException(
          SqlState.DATATYPE_MISMATCH,
          "binary data has array element type " + Integer.toUnsignedString(elementOid)
              + " instead of expected " + elementType.oid() + " (" + elementType.name() + ")");
    }
    if (end - in.readerIndex() < 8L * ndim) {
      throw TypeErrors.binaryFormat();
    }
    int[] dimensions = new int[ndim];
    long count = ndim == 0 ? 0 : 1;
    for (int d = 0; d < ndim; d++) {
      dimensions[d] = in.readInt();
      in.readInt(); // lower bound: a List always starts at 1
      if (dimensions[d] < 0) {
        throw TypeErrors.binaryFormat("invalid array dimensions");
      }
      count *= dimensions[d];
      if (count > (end - in.readerIndex()) / 4) { // every element needs a 4-byte length
        throw TypeErrors.binaryFormat("insufficient data left in message");
      }
    }
    if (count == 0) {
      return new ArrayList<>(0);
    }
    int[] ordinal = {0};
    return readLevel(in, end, dimensions, 0, ordinal);
  }

  private List<Object> readLevel(ByteBuf in, int end, int[] dimensions, int depth, int[] ordinal) {
    List<Object> list = new ArrayList<>(dimensions[depth]);
    for (int i = 0; i < dimensions[depth]; i++) {
      if (depth < dimensions.length - 1) {
        list.add(readLevel(in, end, dimensions, depth + 1, ordinal));
        continue;
      }
      ordinal[0]++;
      if (end - in.readerIndex() < 4) {
        throw TypeErrors.binaryFormat("insufficient data left in message");
      }
      int length = in.readInt();
      if (length == -1) {
        list.add(null);
        continue;
      }
      if (length < -1 || length > end - in.readerIndex()) {
        throw TypeErrors.binaryFormat("insufficient data left in message");
      }
      ByteBuf slice = in.readSlice(length); // the element reader cannot run past its bytes
      try {
        list.add(elementType.readBinary(slice, length));
      } catch (IndexOutOfBoundsException e) {
        throw improperElement(ordinal[0]);
      }
      if (slice.isReadable()) {
        throw improperElement(ordinal[0]);
      }
    }
    return list;
  }

  /** Takes a List, any Collection, an object array or a primitive array. */
  @Override
  public List<?> cast(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    if (value instanceof Object[] array) {
      return Arrays.asList(array);
    }
    if (value != null && value.getClass().isArray()) {
      int length = Array.getLength(value);
      List<Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(Array.get(value, i));
      }
      return list;
    }
    throw cannotCast(value);
  }

  private static PgException tooManyDimensions(int ndim) {
    return new PgException(
        SqlState.PROGRAM_LIMIT_EXCEEDED,
        "number of array dimensions (" + ndim + ") exceeds the maximum allowed ("
            + MAX_DIMENSIONS + ")");
  }

  private static PgException improperElement(int ordinal) {
    return TypeErrors.binaryFormat("improper binary format in array element " + ordinal);
  }

  private static PgException notRectangular() {
    return new PgException(
        SqlState.DATA_EXCEPTION,
        "multidimensional arrays must have array expressions with matching dimensions");
  }
}
