import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server over libmicrohttpd that hands every request to an ``HTTPHandler``.
///
/// It serves from its own worker threads (one epoll loop each) between ``start()`` and
/// ``stop(timeout:)``; connections are kept alive between requests. A server starts once.
public final class HTTPServer: Sendable {
    private enum Phase {
        case idle
        case running(MHDDaemon)
        case stopping(port: Int)
        case stopped(port: Int)
    }

    private let configuration: HTTPServerConfiguration
    private let dispatcher: RequestDispatcher
    private let phase = Mutex<Phase>(.idle)

    /// Creates a server; nothing is bound until ``start()``.
    /// - Parameters:
    ///   - configuration: where to listen and the resource limits.
    ///   - handler: the application, called on worker threads.
    public init(configuration: HTTPServerConfiguration, handler: some HTTPHandler) {
        self.configuration = configuration
        self.dispatcher = RequestDispatcher(
            handler: handler, maxBodyBytes: configuration.maxBodyBytes, maxHeaderBytes: configuration.maxHeaderBytes)
    }

    deinit {
        stop(timeout: .zero)
    }

    /// The configured host.
    public var host: String { configuration.host }

    /// The port: the configured one before ``start()``, the bound one after (the real port
    /// when 0 was configured).
    public var port: Int {
        phase.withLock { phase in
            switch phase {
            case .idle: configuration.port
            case .running(let daemon): daemon.port
            case .stopping(let port), .stopped(let port): port
            }
        }
    }

    /// Binds the address and starts serving; after it returns, ``port`` is the bound port.
    /// - Throws: ``HTTPServerError`` when the host is not an address literal, a limit is out of
    ///   range, the address cannot be bound, or the server was started before.
    public func start() throws(HTTPServerError) {
        try configuration.validate()
        let address = try ListenAddress(host: configuration.host, port: configuration.port)
        try phase.withLock { (phase: inout Phase) throws(HTTPServerError) in
            guard case .idle = phase else {
                throw HTTPServerError(
                    .alreadyStarted, "the server for \(address.display) was already started or stopped; a server starts once")
            }
            phase = .running(
                try MHDDaemon(configuration: configuration, address: address, dispatcher: dispatcher))
        }
    }

    /// Stops gracefully: stops accepting connections, lets requests in flight be answered
    /// (bounded by `timeout`), then closes every connection and joins the worker threads.
    ///
    /// Idle keep-alive connections are closed, not drained. A handler still running when
    /// `timeout` passes delays the return until it finishes (its thread must be joined).
    /// Calling it again, or on a server never started, returns at once.
    /// - Parameter timeout: the longest wait for requests in flight.
    public func stop(timeout: Duration = .seconds(10)) {
        let daemon: MHDDaemon? = phase.withLock { phase in
            switch phase {
            case .idle:
                phase = .stopped(port: configuration.port)
                return nil
            case .running(let daemon):
                phase = .stopping(port: daemon.port)
                return daemon
            case .stopping, .stopped:
                return nil
            }
        }
        guard let daemon else { return }
        let listenSocket = daemon.quiesce()
        _ = dispatcher.inFlight.waitUntilIdle(timeout: timeout)
        daemon.stop()
        // libmicrohttpd hands the quiesced listening socket over instead of closing it.
        if listenSocket >= 0 { close(listenSocket) }
        phase.withLock { $0 = .stopped(port: daemon.port) }
    }

    /// Whether ``stop(timeout:)`` has stopped accepting and is waiting for requests in flight;
    /// lets tests release a held request only once the drain has really begun.
    var isDraining: Bool { dispatcher.inFlight.isDraining }

    /// Requests between their first callback and their completion, for tests.
    var requestsInFlight: Int { dispatcher.inFlight.current }
}
