/// A complete HTTP request as the server hands it to an ``HTTPHandler``.
///
/// A plain value, so a handler can be tested by building one directly, without a socket.
public struct HTTPRequest: Sendable {
    /// The method exactly as the client sent it, e.g. `"GET"`; any token may arrive.
    public var method: String
    /// The URL path without the query, as sent: still percent-encoded, so a `%2F` inside a
    /// segment stays distinguishable from a `/` between segments (see ``pathSegments``).
    public var path: String
    /// The decoded query arguments in the order sent; a bare `?flag` has the value `""`.
    public var query: [(name: String, value: String)]
    /// The request header fields.
    public var headers: HTTPHeaders
    /// The request body; empty for a request without one, and for a rejected request.
    public var body: [UInt8]
    /// The client's IP address as text, e.g. `"127.0.0.1"` or `"::1"`.
    public var remoteAddress: String

    /// Creates a request.
    /// - Parameters:
    ///   - method: the method token, e.g. `"POST"`.
    ///   - path: the URL path without the query.
    ///   - query: the decoded query arguments, in order.
    ///   - headers: the header fields.
    ///   - body: the body bytes.
    ///   - remoteAddress: the client's IP address as text.
    public init(
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The path split at `/` and then percent-decoded segment by segment; a segment whose
    /// escapes are malformed or not UTF-8 is kept as sent, so that it matches no name.
    public var pathSegments: [String] {
        // Split on bytes: `/` is ASCII, and Character iteration costs more than the whole match.
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map { bytes in
            let segment = Substring(bytes)
            return PercentDecoding.decode(segment) ?? String(segment)
        }
    }

    /// The value of the first query argument called `name` (exact case), or `nil`.
    /// - Parameter name: the argument name.
    /// - Returns: its decoded value.
    public func queryValue(named name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
