package io.duckgres.pgwire.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's catalog vector types, {@code int2vector} (pg_index.indkey) and {@code oidvector}
 * (pg_proc.proargtypes): one-dimensional arrays whose text form is the elements separated by
 * single spaces ({@code 1 2}, int2vectorout), and whose binary form is array_send's, over int2 or
 * oid. pg_dump reads indkey and proargtypes in the text form; psql and drivers read it too.
 */
public final class VectorType extends PgType<List<?>> {
  public static final VectorType INT2VECTOR = new VectorType(22, "int2vector", 1006,
      SmallIntType.INSTANCE);
  public static final VectorType OIDVECTOR = new VectorType(30, "oidvector", 1013,
      OidType.INSTANCE);

  private final PgArrayType array;

  @SuppressWarnings("unchecked")
  private VectorType(int oid, String name, int arrayOid, PgType<?> element) {
    super(oid, name, -1, arrayOid, (Class<List<?>>) (Class<?>) List.class);
    this.array = new PgArrayType(element);
  }

  @Override
  public void writeText(List<?> value, ByteBuf out, FormatOptions options) {
    boolean first = true;
    for (Object element : value) {
      if (!first) {
        out.writeByte(' ');
      }
      first = false;
      array.elementType().writeTextObject(element, out, options);
    }
  }

  @Override
  public void writeBinary(List<?> value, ByteBuf out) {
    array.writeBinary(value, out);
  }

  @Override
  public List<?> readText(ByteBuf in, int length, FormatOptions options) {
    byte[] text = new byte[length];
    in.readBytes(text);
    String trimmed = new String(text, StandardCharsets.US_ASCII).strip();
    List<Object> elements = new ArrayList<>();
    if (!trimmed.isEmpty()) {
      for (String item : trimmed.split("\\s+")) {
        byte[] bytes = item.getBytes(StandardCharsets.US_ASCII);
        elements.add(array.elementType().readText(Unpooled.wrappedBuffer(bytes), bytes.length,
            options));
      }
    }
    return elements;
  }

  @Override
  public List<?> readBinary(ByteBuf in, int length) {
    return array.readBinary(in, length);
  }
}
