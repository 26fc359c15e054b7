package io.duckgres.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckgres.pgwire.BackendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching and backpressure between a session thread and its channel. The channel is an
 * {@link EmbeddedChannel}; a session thread is only used where the test is about blocking, and
 * the test thread then touches the channel only after joining it.
 */
class ClientWriterTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ClientWriter writer = new ClientWriter(channel);

  @AfterEach
  void releaseEverything() {
    writer.discard();
    channel.finishAndReleaseAll();
  }

  private String sentHex() {
    StringBuilder hex = new StringBuilder();
    ByteBuf batch;
    while ((batch = channel.readOutbound()) != null) {
      hex.append(ByteBufUtil.hexDump(batch));
      assertThat(batch.release()).isTrue();
    }
    return hex.toString();
  }

  @Test
  void messagesCollectInOneBatchUntilSend() {
    BackendMessages.commandComplete(writer.buffer(), "SELECT 1");
    BackendMessages.readyForQuery(writer.buffer(), 'I');
    assertThat(channel.outboundMessages()).isEmpty();

    writer.send();

    assertThat(channel.outboundMessages()).hasSize(1);
    assertThat(sentHex()).isEqualTo(
        "430000000d53454c454354203100" + "5a0000000549");
  }

  @Test
  void sendWithNothingWrittenSendsNothing() {
    writer.send();
    writer.buffer();
    writer.send();

    assertThat(channel.outboundMessages()).isEmpty();
  }

  @Test
  void maybeSendWaitsForAFullBatch() {
    ByteBuf out = writer.buffer();
    out.writeZero(ClientWriter.BATCH_BYTES - 1);
    writer.maybeSend();
    assertThat(channel.outboundMessages()).isEmpty();

    writer.buffer().writeByte(0);
    writer.maybeSend();

    assertThat(channel.outboundMessages()).hasSize(1);
    assertThat(sentHex()).hasSize(2 * ClientWriter.BATCH_BYTES);
    assertThat(writer.buffer().readableBytes()).as("a fresh buffer after a send").isZero();
  }

  @Test
  void sendToAClosedChannelReleasesTheBatchAndReportsTheClientGone() {
    ByteBuf batch = writer.buffer();
    BackendMessages.readyForQuery(batch, 'I');
    channel.close();

    assertThatThrownBy(writer::send).isInstanceOf(ClientWriter.ClientGoneException.class);
    assertThat(batch.refCnt()).isZero();
  }

  @Test
  void discardReleasesWhatWasNotSent() {
    ByteBuf batch = writer.buffer();
    BackendMessages.readyForQuery(batch, 'I');

    writer.discard();

    assertThat(batch.refCnt()).isZero();
    assertThat(writer.buffer().readableBytes()).as("a fresh buffer").isZero();
  }

  @Test
  void sendWaitsWhileTheChannelIsNotWritable() throws Exception {
    BackendMessages.readyForQuery(writer.buffer(), 'I');
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    assertThat(channel.isWritable()).isFalse();

    CompletableFuture<Void> sending = CompletableFuture.runAsync(writer::send);
    Thread.sleep(300);
    assertThat(sending).as("blocked while the client is not reading").isNotDone();

    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    writer.wakeUp();
    sending.get(10, TimeUnit.SECONDS);

    assertThat(sentHex()).isEqualTo("5a0000000549");
  }

  @Test
  void blockedSendGivesUpWhenTheClientDisconnects() throws Exception {
    ByteBuf batch = writer.buffer();
    BackendMessages.readyForQuery(batch, 'I');
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

    CompletableFuture<Void> sending = CompletableFuture.runAsync(writer::send);
    Thread.sleep(200);
    channel.close();
    writer.wakeUp();

    assertThatThrownBy(() -> sending.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ClientWriter.ClientGoneException.class);
    assertThat(batch.refCnt()).isZero();
  }
}
