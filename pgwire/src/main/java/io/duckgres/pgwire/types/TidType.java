package io.duckgres.pgwire.types;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code tid}, a row's physical address (the {@code ctid} system column): a block number and an
 * item number in the block. The Java value is a {@link Long} holding {@code block << 16 | item}.
 * Text is {@code (block,item)} (tidout), binary an int32 block and an int16 item (tidsend).
 */
public final class TidType extends PgType<Long> {
  public static final TidType INSTANCE = new TidType();

  private TidType() {
    super(27, "tid", 6, 1010, Long.class);
  }

  @Override
  public void writeText(Long value, ByteBuf out, FormatOptions options) {
    out.writeCharSequence("(" + (value >>> 16) + "," + (value & 0xFFFF) + ")",
        StandardCharsets.US_ASCII);
  }

  @Override
  public void writeBinary(Long value, ByteBuf out) {
    out.writeInt((int) (value >>> 16));
    out.writeShort((int) (value & 0xFFFF));
  }

  @Override
  public Long readText(ByteBuf in, int length, FormatOptions options) {
    String text = in.readCharSequence(length, StandardCharsets.US_ASCII).toString().strip();
    int comma = text.indexOf(',');
    if (!text.startsWith("(") || !text.endsWith(")") || comma < 0) {
      throw invalid(text);
    }
    try {
      long block = Long.parseLong(text.substring(1, comma).strip());
      long item = Long.parseLong(text.substring(comma + 1, text.length() - 1).strip());
      if (block < 0 || block > 0xFFFF_FFFFL || item < 0 || item > 0xFFFF) {
        throw invalid(text);
      }
      return block << 16 | item;
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
  }

  @Override
  public Long readBinary(ByteBuf in, int length) {
    TypeErrors.expectLength(length, 6);
    long block = in.readUnsignedInt();
    return block << 16 | in.readUnsignedShort();
  }

  private static PgException invalid(String text) {
    return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type tid: \"" + text + "\"");
  }
}
