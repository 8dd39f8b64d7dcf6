import Logging
import MicroHTTP
import ReconnectionCore

/// The running service: HTTP server, background sweeper, readiness and graceful stop.
/// `reconnectd` is this plus flags; integration tests run it in-process on port 0.
public final class ReconnectionDaemon: Sendable {
    /// The HTTP face; exposed for tests.
    public let service: ReconnectionService
    private let server: HTTPServer
    private let sweeper: Sweeper
    private let logger: Logger

    /// Opens the state directory and prepares the server; nothing listens yet.
    /// - Throws: ``StartupError`` naming the bad state file.
    public init(
        service configuration: ServiceConfiguration, http: HTTPServerConfiguration,
        clock: any WallClock = SystemClock(), logger: Logger
    ) throws(StartupError) {
        self.logger = logger
        service = try ReconnectionService(configuration: configuration, clock: clock, logger: logger)
        server = HTTPServer(configuration: http, handler: service)
        sweeper = Sweeper(core: service.reconnector, logger: logger)
    }

    /// Binds, starts the sweeper, turns ready and announces `listening on http://HOST:PORT`.
    /// - Throws: ``StartupError`` when the address cannot be bound.
    public func start() throws(StartupError) {
        do {
            try server.start()
        } catch {
            throw StartupError(message: "cannot listen: \(error)")
        }
        sweeper.start()
        service.setReadiness(.ready)
        var announcer = logger
        announcer.logLevel = min(logger.logLevel, .notice)
        let host = server.host.contains(":") ? "[\(server.host)]" : server.host
        announcer.notice("listening on http://\(host):\(server.port)")
    }

    /// The bound port (the real one when started on port 0).
    public var port: Int { server.port }

    /// Drains: `/readyz` turns 503, the listener closes, in-flight requests finish, the
    /// sweeper stops. Zone changes are durable when acknowledged, so nothing is left to flush.
    public func stop() {
        service.setReadiness(.draining)
        logger.notice("draining")
        server.stop()
        sweeper.stop()
        logger.notice("stopped")
    }
}
