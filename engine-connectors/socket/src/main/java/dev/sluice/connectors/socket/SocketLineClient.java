package dev.sluice.connectors.socket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection that turns the bytes it receives into UTF-8 lines, on Netty: lines end at {@code \n}, a
 * {@code \r} before it is stripped, and bytes left without a final newline when the server closes the
 * connection count as a last line (as {@code BufferedReader.readLine} does). Lines longer than
 * {@link #MAX_LINE_BYTES} fail the connection.
 *
 * <p>Threading: {@link #connect} blocks the calling thread until the connection is made or has failed; after
 * that, the {@link Listener} is called on the connection's single Netty event-loop thread, in arrival order,
 * never concurrently. {@link #close} may be called from any thread, once or more.
 */
final class SocketLineClient implements AutoCloseable {
    /** The longest line accepted (16 MiB): a guard against a peer that never sends a newline. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** Receives what the connection reads. */
    interface Listener {
        /**
         * The complete lines (without terminators) of one read from the socket: what the peer wrote in one go
         * usually arrives in one read, so its lines reach the source together (and land in one micro-batch).
         */
        void onLines(List<String> lines);

        /** The connection ended: closed by the peer ({@code cause} null), by an error, or by {@link #close}. */
        void onClosed(Throwable cause);
    }

    private final EventLoopGroup group;
    private final Channel channel;

    private SocketLineClient(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Connects to {@code host:port}, waiting at most {@code timeoutMs}.
     *
     * @throws java.io.IOException (or another exception of the connect attempt) when the connection fails
     */
    static SocketLineClient connect(String host, int port, int timeoutMs, Listener listener) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("socket-source-" + host + ":" + port, true), NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMs)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new LastLineDecoder(), new LineHandler(listener));
                        }
                    });
            ChannelFuture future = bootstrap.connect(host, port).awaitUninterruptibly();
            if (!future.isSuccess()) {
                throw asException(future.cause());
            }
            return new SocketLineClient(group, future.channel());
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Error error) {
            throw error;
        }
        return t instanceof Exception e ? e : new Exception(t);
    }

    /** Closes the connection and stops its thread; lines not yet delivered to the listener are dropped. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Netty's line decoder, which also hands over a last line that has no terminator when the peer closes. */
    private static final class LastLineDecoder extends LineBasedFrameDecoder {
        LastLineDecoder() {
            super(MAX_LINE_BYTES, true, false);
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            super.decodeLast(ctx, in, out);
            if (in.isReadable()) {
                out.add(in.readRetainedSlice(in.readableBytes()));
            }
        }
    }

    /**
     * Decodes each frame as UTF-8, hands the lines of one socket read over together, and reports the end of the
     * connection exactly once.
     */
    private static final class LineHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Listener listener;
        private List<String> pending = new ArrayList<>();
        private Throwable failure;

        LineHandler(Listener listener) {
            this.listener = listener;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            pending.add(frame.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flush();
        }

        private void flush() {
            if (!pending.isEmpty()) {
                List<String> lines = pending;
                pending = new ArrayList<>();
                listener.onLines(lines);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            flush(); // a last line without terminator, decoded when the channel closed
            listener.onClosed(failure);
        }
    }
}
