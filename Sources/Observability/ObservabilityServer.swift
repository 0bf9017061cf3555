import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// A small HTTP/1.1 server for `/metrics`, `/healthz` and `/readyz`, run as a lifecycle `Service` beside the
/// worker. SwiftNIO's HTTP/1 codec is enough for three GET routes; a web framework would add build time and
/// dependencies for nothing. Routes answer synchronously from state kept up to date elsewhere, so a probe never
/// waits on PostgreSQL or Kafka.
public final class ObservabilityServer: Service, Sendable {
    public typealias Route = @Sendable () -> HTTPResponse

    let host: String
    let port: Int
    let routes: [String: Route]
    let logger: Logger

    public init(host: String = "0.0.0.0", port: Int, routes: [String: Route], logger: Logger) {
        self.host = host
        self.port = port
        self.routes = routes
        self.logger = logger
    }

    private func bind(_ routes: [String: Route]) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RequestHandler(routes: routes))
                }
            }
            .bind(host: host, port: port)
            .get()
    }

    public func run() async throws {
        let routes = routes
        let channel: any Channel
        do {
            channel = try await bind(routes)
        } catch {
            throw ObservabilityServerError(host: host, port: port, reason: "\(error)")
        }
        logger.info(
            "serving /metrics, /healthz and /readyz",
            metadata: ["address": "\(channel.localAddress?.description ?? "\(host):\(port)")"]
        )
        // Closed on graceful shutdown, and on cancellation (the group cancels everything when a service fails).
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                try? await channel.closeFuture.get()
            } onGracefulShutdown: {
                channel.close(promise: nil)
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}

/// Answers each request from the route table; keep-alive is honoured, bodies of requests are ignored.
private final class RequestHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let routes: [String: ObservabilityServer.Route]

    init(routes: [String: ObservabilityServer.Route]) { self.routes = routes }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let request) = unwrapInboundIn(data) else { return }
        let path = String(request.uri.prefix { $0 != "?" })
        let response: HTTPResponse
        if request.method != .GET && request.method != .HEAD {
            response = .methodNotAllowed
        } else {
            response = routes[path]?() ?? .notFound
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "Cache-Control", value: "no-store")
        let keepAlive = request.isKeepAlive
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(
            version: request.version,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
