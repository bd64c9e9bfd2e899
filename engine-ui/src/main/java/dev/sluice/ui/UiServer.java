package dev.sluice.ui;

import dev.sluice.sql.SluiceSession;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process HTTP server of the UI: one Netty event-loop thread (daemon), bound to {@code 127.0.0.1} unless
 * {@code spark.ui.bindAddress} says otherwise, answering GET and HEAD with {@link Routes}. Read-only: no request
 * changes a query. {@link #close()} stops it (the session does). Thread-safe.
 */
final class UiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.ui");
    private final SluiceSession session;
    private final EventLoopGroup group;
    private final Channel channel;
    private final URI url;

    private UiServer(SluiceSession session, EventLoopGroup group, Channel channel, URI url) {
        this.session = session;
        this.group = group;
        this.channel = channel;
        this.url = url;
    }

    /** Starts the UI of {@code session}; fails naming the address when no port in the retry range is free. */
    static UiServer start(SluiceSession session, UiSettings settings) {
        QueryRegistry registry = new QueryRegistry(session);
        session.streams().addInternalListener(registry);
        Routes routes = new Routes(registry);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-ui", true),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new Handler(routes));
                    }
                });
        int attempts = settings.port() == 0 ? 1 : settings.portRetries() + 1;
        Exception last = null;
        for (int i = 0; i < attempts; i++) {
            int port = settings.port() == 0 ? 0 : settings.port() + i;
            try {
                Channel channel = bootstrap.bind(settings.bindAddress(), port).sync().channel();
                InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
                String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getHostString();
                URI url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                        + bound.getPort() + "/");
                SluiceUi.register(session, url);
                LOG.info("Sluice UI of session {} at {} (bound to {})", session.appName(), url, bound);
                return new UiServer(session, group, channel, url);
            } catch (Exception e) {
                if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
                    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
                    throw new IllegalArgumentException("Cannot start the Sluice UI on " + settings.bindAddress() + ":"
                            + port + " (" + UiSettings.BIND_ADDRESS + ", " + UiSettings.PORT + "): " + e, e);
                }
                last = e;
            }
        }
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
        throw new IllegalArgumentException("Cannot start the Sluice UI: ports " + settings.port() + " to "
                + (settings.port() + attempts - 1) + " of " + settings.bindAddress() + " are all in use (set "
                + UiSettings.PORT + ", or 0 for any free port)", last);
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        SluiceUi.unregister(session);
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("Sluice UI at {} stopped", url);
    }

    /** Answers one request; keeps the connection open when the client asks (the pages poll every second). */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Routes routes;

        Handler(Routes routes) {
            this.routes = routes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Routes.Response answer;
            boolean head = request.method().equals(HttpMethod.HEAD);
            if (!head && !request.method().equals(HttpMethod.GET)) {
                answer = Routes.Response.json(405, ApiJson.write(ApiJson.error("The UI is read-only: "
                        + request.method() + " is not allowed")));
            } else {
                try {
                    answer = routes.get(request.uri());
                } catch (RuntimeException e) {
                    LOG.error("The UI failed to answer GET {}", request.uri(), e);
                    answer = Routes.Response.json(500, ApiJson.write(ApiJson.error("Internal error: " + e)));
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set("X-Content-Type-Options", "nosniff")
                    // the pages load only their own assets from this server: no CDN, nothing inline from elsewhere
                    .set("Content-Security-Policy", "default-src 'self'");
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a client that went away mid-request: close its connection, the server goes on
            LOG.debug("UI connection closed after {}", cause.toString());
            ctx.close();
        }
    }

    @Override
    public String toString() {
        return "Sluice UI at " + url;
    }
}
