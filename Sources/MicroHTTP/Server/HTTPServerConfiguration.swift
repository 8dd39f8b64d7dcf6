#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an ``HTTPServer`` listens and which resources it may use.
///
/// libmicrohttpd's own defaults are unsafe (no idle timeout, no body limit), so every bound
/// is explicit here.
public struct HTTPServerConfiguration: Sendable {
    /// The address to listen on: an IPv4 dotted quad (`"0.0.0.0"` for all) or an IPv6 literal
    /// (`"::1"`, `"::"` for all, brackets allowed). Host names are not resolved.
    public var host: String
    /// The TCP port; `0` picks a free one (read it back from ``HTTPServer/port``).
    public var port: Int
    /// Worker threads, each with its own epoll loop; at least 1.
    public var threads: Int
    /// The largest request body accepted, in bytes; larger ones are rejected with
    /// ``HTTPRejection/bodyTooLarge(limit:)``.
    public var maxBodyBytes: Int
    /// The most connections open at once; more are refused at accept.
    public var connectionLimit: Int
    /// The most connections open at once from one IP address; `0` means no limit.
    public var perIPConnectionLimit: Int
    /// Seconds a connection may stay idle before it is closed; `0` means never.
    public var connectionTimeoutSeconds: Int
    /// Bytes of memory pool per connection, holding the request head; libmicrohttpd answers
    /// 431/414 itself for a head that does not fit.
    public var connectionMemoryLimit: Int
    /// The largest request head accepted (header names and values), in bytes; larger ones are
    /// rejected with ``HTTPRejection/headersTooLarge(limit:)``. Keep it below
    /// ``connectionMemoryLimit`` so the rejection is ours, with a body that says why.
    public var maxHeaderBytes: Int

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: the address to listen on.
    ///   - port: the TCP port, `0` for any free one.
    ///   - threads: worker threads; defaults to the number of active processors.
    ///   - maxBodyBytes: the largest request body accepted.
    ///   - connectionLimit: the most connections open at once.
    ///   - perIPConnectionLimit: the most connections from one IP address, `0` for no limit.
    ///   - connectionTimeoutSeconds: the idle timeout, `0` for none.
    ///   - connectionMemoryLimit: the memory pool per connection.
    ///   - maxHeaderBytes: the largest request head accepted.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        threads: Int = HTTPServerConfiguration.activeProcessorCount,
        maxBodyBytes: Int = 1 << 20,
        connectionLimit: Int = 1024,
        perIPConnectionLimit: Int = 64,
        connectionTimeoutSeconds: Int = 15,
        connectionMemoryLimit: Int = 20 * 1024,
        maxHeaderBytes: Int = 16 * 1024
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.connectionLimit = connectionLimit
        self.perIPConnectionLimit = perIPConnectionLimit
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionMemoryLimit = connectionMemoryLimit
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// The number of processors currently online, at least 1.
    public static var activeProcessorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Checks the numbers libmicrohttpd takes as `unsigned int` / `size_t` before handing them
    /// over, so a negative value is an error here rather than a huge limit there.
    func validate() throws(HTTPServerError) {
        let bounded: [(String, Int, ClosedRange<Int>)] = [
            ("port", port, 0...65535),
            ("threads", threads, 1...1024),
            ("maxBodyBytes", maxBodyBytes, 0...Int.max),
            ("connectionLimit", connectionLimit, 1...Int(Int32.max)),
            ("perIPConnectionLimit", perIPConnectionLimit, 0...Int(Int32.max)),
            ("connectionTimeoutSeconds", connectionTimeoutSeconds, 0...Int(Int32.max)),
            ("connectionMemoryLimit", connectionMemoryLimit, 1024...Int.max),
            ("maxHeaderBytes", maxHeaderBytes, 1...Int.max),
        ]
        for (name, value, range) in bounded where !range.contains(value) {
            throw HTTPServerError(.invalidConfiguration, "\(name) = \(value) is outside \(range)")
        }
    }
}
