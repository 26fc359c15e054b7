package io.duckgres.controlplane.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies bytes one way between two channels of one relayed session: the client's (TLS terminated
 * here, so what arrives is plaintext) and the near end of the loopback pair whose far end a worker
 * holds. One instance sits on each side, pointing at the other.
 *
 * <p>Flow control: when the other side cannot take more (its outbound buffer is past the high
 * water mark) this side stops reading until it drains, so a fast sender never fills this
 * process's memory. Either side closing closes the other after what was read is flushed.
 */
final class Relay extends ChannelInboundHandlerAdapter {
  private volatile Channel peer;
  private final List<ByteBuf> early = new ArrayList<>();

  Relay() {}

  Relay(Channel peer) {
    this.peer = peer;
  }

  void peer(Channel other) {
    peer = other;
    for (ByteBuf message : early) {
      other.write(message, other.voidPromise());
    }
    if (!early.isEmpty()) {
      other.flush();
    }
    early.clear();
  }

  /** Stops copying to the other side, which then outlives this one. */
  void detach() {
    peer = null;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    early.forEach(ByteBuf::release);
    early.clear();
  }

  /** Joins two channels in both directions and starts reading on both. */
  static void join(Channel client, Relay clientSide, Channel near, Relay nearSide) {
    clientSide.peer(near);
    nearSide.peer(client);
    client.config().setAutoRead(true);
    near.config().setAutoRead(true);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    Channel other = peer;
    if (other == null) {
      // Decrypted in the same read as the startup, before the pair exists: kept for it.
      early.add((ByteBuf) message);
      return;
    }
    if (!other.isActive()) {
      ((ByteBuf) message).release();
      ctx.close();
      return;
    }
    other.write(message, other.voidPromise());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Channel other = peer;
    if (other != null) {
      other.flush();
      if (!other.isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    Channel other = peer;
    if (ctx.channel().isWritable() && other != null) {
      other.config().setAutoRead(true);
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Channel other = peer;
    if (other != null && other.isActive()) {
      other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
