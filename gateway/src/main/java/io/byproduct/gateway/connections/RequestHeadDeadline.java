package io.byproduct.gateway.connections;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1.1 connection that has not sent a whole request line and headers within the
 * deadline of opening, or of the end of the previous response: a request line or headers sent a
 * byte at a time keep an idle-read timer happy but not this one. Sits after the HTTP codec, so it
 * sees a request only once its head is complete. Off for good after a WebSocket upgrade (101).
 */
final class RequestHeadDeadline extends ChannelDuplexHandler {

  static final String NAME = "byproduct.requestHeadDeadline";

  private final long nanos;
  private ScheduledFuture<?> timer;
  private int pending;
  private boolean upgraded;

  RequestHeadDeadline(long nanos) {
    this.nanos = nanos;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      pending++;
      cancel();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpResponse response && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
      upgraded = true;
      cancel();
    }
    if (msg instanceof LastHttpContent && !upgraded && --pending <= 0) {
      pending = 0;
      arm(ctx);
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx) {
    cancel();
    timer = ctx.executor().schedule(() -> {
      if (ctx.channel().isActive() && !upgraded) {
        ctx.close();
      }
    }, nanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
