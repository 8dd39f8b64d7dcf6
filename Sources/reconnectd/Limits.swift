import ArgumentParser
import MicroHTTP
import ReconnectionAPI

/// The resource bounds: every one has a safe default, so a daemon started without flags
/// cannot be exhausted by one client. README's "Limits" section lists what a client sees.
struct Limits: ParsableArguments {
    @Option(help: "Largest request body, in bytes (413 body_too_large).")
    var maxBodyBytes = 1 << 20
    @Option(help: "Largest request head (headers, path, query), in bytes (431 headers_too_large).")
    var maxHeaderBytes = 16 * 1024
    @Option(help: "Deepest JSON nesting of a request body (400 malformed_json).")
    var maxJSONDepth = 32
    @Option(help: "Connections open at once; more are refused at accept.")
    var maxConnections = 1024
    @Option(name: .customLong("max-connections-per-ip"), help: "Connections open at once from one IP address.")
    var maxConnectionsPerIP = 64
    @Option(help: "Seconds a connection may stay idle before it is closed.")
    var connectionTimeout = 15
    // libmicrohttpd zeroes the whole pool on every request: a pool a little over the head
    // limit measured 12-15% more /healthz requests per second than 64 KiB.
    @Option(help: "Memory pool per connection, in bytes (must exceed --max-header-bytes).")
    var connectionMemoryBytes = 20 * 1024
    @Option(name: .customLong("failures-per-ip"), help: "Failed redeems one client address may make at once (then 429).")
    var failuresPerIP = 100.0
    @Option(name: .customLong("failure-refill-per-ip"), help: "Failed redeems a client address regains per second.")
    var failureRefillPerIP = 20.0
    @Option(help: "Failed redeems for one zone, room and player at once (then 429).")
    var failuresPerPlayer = 5.0
    @Option(help: "Failed redeems one zone, room and player regains per second.")
    var failureRefillPerPlayer = 0.2

    func validate() throws {
        let counts: [(String, Int, ClosedRange<Int>)] = [
            ("--max-body-bytes", maxBodyBytes, 1...(1 << 30)), ("--max-header-bytes", maxHeaderBytes, 256...(1 << 20)),
            ("--max-json-depth", maxJSONDepth, 1...512), ("--max-connections", maxConnections, 1...1_000_000),
            ("--max-connections-per-ip", maxConnectionsPerIP, 0...1_000_000), ("--connection-timeout", connectionTimeout, 1...86_400),
            ("--connection-memory-bytes", connectionMemoryBytes, 4096...(1 << 30)),
        ]
        for (flag, value, range) in counts where !range.contains(value) {
            throw ValidationError("\(flag) must be from \(range.lowerBound) to \(range.upperBound)")
        }
        guard connectionMemoryBytes > maxHeaderBytes else {
            throw ValidationError("--connection-memory-bytes must exceed --max-header-bytes")
        }
        let rates = [("--failures-per-ip", failuresPerIP), ("--failure-refill-per-ip", failureRefillPerIP),
                     ("--failures-per-player", failuresPerPlayer), ("--failure-refill-per-player", failureRefillPerPlayer)]
        for (flag, value) in rates where !(value > 0 && value <= 1_000_000) {
            throw ValidationError("\(flag) must be a number above 0")
        }
    }

    /// The HTTP server's share of the limits.
    func http(host: String, port: Int, threads: Int) -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            host: host, port: port, threads: threads, maxBodyBytes: maxBodyBytes, connectionLimit: maxConnections,
            perIPConnectionLimit: maxConnectionsPerIP, connectionTimeoutSeconds: connectionTimeout,
            connectionMemoryLimit: connectionMemoryBytes, maxHeaderBytes: maxHeaderBytes)
    }

    /// Writes the service's share of the limits into `service`.
    func apply(to service: inout ServiceConfiguration) {
        service.maxJSONDepth = maxJSONDepth
        service.failuresPerAddress = .init(burst: failuresPerIP, refillPerSecond: failureRefillPerIP)
        service.failuresPerPlayer = .init(burst: failuresPerPlayer, refillPerSecond: failureRefillPerPlayer)
    }
}
