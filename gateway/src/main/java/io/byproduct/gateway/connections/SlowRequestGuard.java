package io.byproduct.gateway.connections;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1.1 connection whose client is too slow to send a request: the request line and
 * headers must be complete within {@code headNanos} of the connection opening (or of the end of the
 * previous response), and a body may pause at most {@code bodyGapNanos} between reads and take at
 * most {@code bodyNanos} in all. A request line, headers or body sent a byte at a time keep an
 * idle-read timer happy but not this guard. Sits right after the HTTP codec (it sees a request
 * once its head is complete) and steps aside for good after a WebSocket upgrade (101), so that
 * neither WebSockets nor long responses (server-sent events) are touched.
 */
final class SlowRequestGuard extends ChannelDuplexHandler {

  static final String NAME = "byproduct.slowRequestGuard";

  private final long headNanos;
  private final long bodyGapNanos;
  private final long bodyNanos;
  private ScheduledFuture<?> timer;
  private long bodyDeadline;
  private boolean readingBody;
  private int pending;
  private boolean upgraded;

  SlowRequestGuard(long headNanos, long bodyGapNanos, long bodyNanos) {
    this.headNanos = headNanos;
    this.bodyGapNanos = bodyGapNanos;
    this.bodyNanos = bodyNanos;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      schedule(ctx, headNanos);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    schedule(ctx, headNanos);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!upgraded) {
      if (msg instanceof HttpRequest) {
        pending++;
        readingBody = true;
        bodyDeadline = System.nanoTime() + bodyNanos;
      }
      if (msg instanceof LastHttpContent) {
        readingBody = false;
        cancel();
      } else if (readingBody && (msg instanceof HttpRequest || msg instanceof HttpContent)) {
        schedule(ctx, Math.min(bodyGapNanos, bodyDeadline - System.nanoTime()));
      }
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
      if (!readingBody) {
        schedule(ctx, headNanos);
      }
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void schedule(ChannelHandlerContext ctx, long nanos) {
    cancel();
    timer = ctx.executor().schedule(() -> {
      if (ctx.channel().isActive() && !upgraded) {
        ctx.close();
      }
    }, Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
