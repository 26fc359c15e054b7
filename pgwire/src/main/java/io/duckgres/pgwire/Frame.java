package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import io.netty.util.AbstractReferenceCounted;

/**
 * One length-delimited message as cut by {@link FrameDecoder}: the type byte (0 for the untyped
 * startup-phase packets) and the body without type and length. The body is a retained slice the
 * receiver must release.
 */
public final class Frame extends AbstractReferenceCounted {
  /** Type value of untyped startup-phase packets (StartupMessage, SSLRequest, CancelRequest…). */
  public static final byte STARTUP = 0;

  private final byte type;
  private final ByteBuf body;

  public Frame(byte type, ByteBuf body) {
    this.type = type;
    this.body = body;
  }

  public byte type() {
    return type;
  }

  public ByteBuf body() {
    return body;
  }

  @Override
  protected void deallocate() {
    body.release();
  }

  @Override
  public ReferenceCounted touch(Object hint) {
    body.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    return "Frame[" + (type == STARTUP ? "startup" : String.valueOf((char) type)) + ", "
        + body.readableBytes() + " bytes]";
  }
}
