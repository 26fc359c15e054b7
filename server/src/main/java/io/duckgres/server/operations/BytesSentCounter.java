package io.duckgres.server.operations;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Counts the protocol bytes written to a client. Sits behind the TLS handler in the pipeline, so
 * it sees PostgreSQL messages, not TLS records; shared by every connection (it keeps no state).
 */
@ChannelHandler.Sharable
public final class BytesSentCounter extends ChannelOutboundHandlerAdapter {
  public static final BytesSentCounter INSTANCE = new BytesSentCounter();

  private BytesSentCounter() {}

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise)
      throws Exception {
    if (message instanceof ByteBuf buffer) {
      Operations.process().metrics().bytesSent(buffer.readableBytes());
    }
    super.write(ctx, message, promise);
  }
}
