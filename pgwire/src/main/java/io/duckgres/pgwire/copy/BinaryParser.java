package io.duckgres.pgwire.copy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.types.BigIntType;
import io.duckgres.pgwire.types.DoubleType;
import io.duckgres.pgwire.types.FormatOptions;
import io.duckgres.pgwire.types.IntegerType;
import io.duckgres.pgwire.types.SmallIntType;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.TextType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * COPY's binary format (PostgreSQL docs, "COPY", File Formats → Binary Format):
 *
 * <pre>
 * header:  "PGCOPY\n\377\r\n\0" | int32 flags | int32 extension length | extension
 * tuple:   int16 field count | (int32 length | bytes, or -1 for NULL) * count
 * trailer: int16 -1
 * </pre>
 *
 * Each field is decoded with its column's binary codec, as the client encoded it with the type's
 * send function.
 */
final class BinaryParser implements CopyDataParser {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r',
      '\n', 0};

  private final RowSink sink;
  private final PgType<?>[] types;
  private final String context;
  private byte[] buffer = new byte[64 * 1024];
  private int start;
  private int end;
  private boolean headerRead;
  private boolean ended;
  private long rows;

  BinaryParser(RowSink sink, PgType<?>[] types, String context) {
    this.sink = sink;
    this.types = types;
    this.context = context;
  }

  @Override
  public void feed(byte[] chunk) {
    if (ended) {
      return;
    }
    append(chunk);
    ByteBuf in = Unpooled.wrappedBuffer(buffer, start, end - start);
    while (!ended) {
      int mark = in.readerIndex();
      if (!(headerRead ? readTuple(in) : readHeader(in))) {
        in.readerIndex(mark);
        break;
      }
    }
    start += in.readerIndex();
  }

  private boolean readHeader(ByteBuf in) {
    if (in.readableBytes() < SIGNATURE.length + 8) {
      return false;
    }
    byte[] signature = new byte[SIGNATURE.length];
    in.readBytes(signature);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw CopyErrors.badFormat(context, 0, "COPY file signature not recognized");
    }
    int flags = in.readInt();
    if ((flags & 0xFFFF0000) != 0 && (flags & ~(1 << 16)) != 0) {
      throw CopyErrors.badFormat(context, 0, "unrecognized critical flags in COPY file header");
    }
    int extension = in.readInt();
    if (extension < 0) {
      throw CopyErrors.badFormat(context, 0, "invalid COPY file header (missing length)");
    }
    if (in.readableBytes() < extension) {
      return false;
    }
    in.skipBytes(extension);
    headerRead = true;
    return true;
  }

  /** Reads one whole tuple, or returns false (consuming nothing useful) when it is incomplete. */
  private boolean readTuple(ByteBuf in) {
    if (in.readableBytes() < 2) {
      return false;
    }
    short count = in.readShort();
    if (count == -1) {
      ended = true;
      return true;
    }
    if (count != types.length) {
      throw CopyErrors.badFormat(context, rows + 1,
          "row field count is " + count + ", expected " + types.length);
    }
    // Check that the whole tuple has arrived before decoding any of it.
    int probe = in.readerIndex();
    for (int i = 0; i < count; i++) {
      if (in.writerIndex() - probe < 4) {
        return false;
      }
      int length = in.getInt(probe);
      probe += 4 + Math.max(length, 0);
      if (length < -1) {
        throw CopyErrors.badFormat(context, rows + 1, "invalid field size " + length);
      }
      if (probe > in.writerIndex()) {
        return false;
      }
    }
    for (int i = 0; i < count; i++) {
      int length = in.readInt();
      if (length == -1) {
        sink.value(null);
        continue;
      }
      if (fastPath(types[i], in, length) || asciiText(types[i], in, length)) {
        continue;
      }
      try {
        sink.value(types[i].readParameter(in, length, true, FormatOptions.DEFAULT));
      } catch (PgException e) {
        throw e.withContext(context + ", line " + (rows + 1) + ", column " + (i + 1));
      }
    }
    rows++;
    sink.endRow(rows);
    return true;
  }

  /**
   * Integers and finite doubles of the expected width go straight to the sink: boxing them and
   * formatting them through their type's text codec was most of a binary COPY's parsing time.
   * Anything else, including a field of the wrong width (which the codec rejects with the right
   * error), takes the general path.
   */
  private boolean fastPath(PgType<?> type, ByteBuf in, int length) {
    if (length == 8 && type == BigIntType.INSTANCE) {
      sink.integer(in.readLong());
    } else if (length == 4 && type == IntegerType.INSTANCE) {
      sink.integer(in.readInt());
    } else if (length == 2 && type == SmallIntType.INSTANCE) {
      sink.integer(in.readShort());
    } else if (length == 8 && type == DoubleType.INSTANCE
        && Double.isFinite(Double.longBitsToDouble(in.getLong(in.readerIndex())))) {
      sink.float8(Double.longBitsToDouble(in.readLong()));
    } else {
      return false;
    }
    return true;
  }

  /**
   * A character-string field's binary form is its UTF-8 text: when every byte is ASCII and not
   * NUL it goes to the spool as it is, without the round trip through a String. Anything else
   * takes the codec, which checks the encoding and names the byte it rejects.
   */
  private boolean asciiText(PgType<?> type, ByteBuf in, int length) {
    if (!(type instanceof TextType) || length > in.readableBytes()) {
      return false;
    }
    int offset = start + in.readerIndex();
    for (int i = offset, last = offset + length; i < last; i++) {
      if (buffer[i] <= 0) {
        return false;
      }
    }
    sink.text(buffer, offset, length);
    in.skipBytes(length);
    return true;
  }

  @Override
  public void finish() {
    if (!ended && start != end) {
      throw CopyErrors.badFormat(context, rows + 1, "unexpected EOF in COPY data");
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  private void append(byte[] chunk) {
    if (start > 0 && end - start + chunk.length > buffer.length - start) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end + chunk.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + chunk.length));
    }
    System.arraycopy(chunk, 0, buffer, end, chunk.length);
    end += chunk.length;
  }
}
