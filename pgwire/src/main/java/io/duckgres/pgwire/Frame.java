package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import io.netty.util.AbstractReferenceCounted;

/**
 * One length-delimited message as cut by {@link FrameDecoder}: the type byte and the body without
 * type and length, or an untyped startup-phase packet. The body is a retained slice the receiver
 * must release. Startup packets are marked as such rather than by their type value: after login a
 * client may send any type byte, 0 included, and that must never read as a startup packet.
 */
public final class Frame extends AbstractReferenceCounted {
  /**
   * Type value reported for untyped startup-phase packets (StartupMessage, SSLRequest,
   * CancelRequest…); {@code new Frame(STARTUP, body)} makes such a packet.
   */
  public static final byte STARTUP = 0;

  private final byte type;
  private final boolean startup;
  private final ByteBuf body;

  /** A startup-phase packet when {@code type} is {@link #STARTUP}, else a typed message. */
  public Frame(byte type, ByteBuf body) {
    this(type, body, type == STARTUP);
  }

  private Frame(byte type, ByteBuf body, boolean startup) {
    this.type = type;
    this.startup = startup;
    this.body = body;
  }

  /** A message read after the startup phase, whatever its type byte (0 included). */
  public static Frame typed(byte type, ByteBuf body) {
    return new Frame(type, body, false);
  }

  /** True for the untyped packets of the startup phase. */
  public boolean isStartup() {
    return startup;
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
    return "Frame[" + (startup ? "startup" : FrameDecoder.printable(type)) + ", "
        + body.readableBytes() + " bytes]";
  }
}
