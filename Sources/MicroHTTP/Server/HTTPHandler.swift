/// Why the server refused a request before it was complete.
public enum HTTPRejection: Sendable, Equatable {
    /// The body is larger than ``HTTPServerConfiguration/maxBodyBytes``, which is `limit`.
    case bodyTooLarge(limit: Int)
    /// The request head is larger than ``HTTPServerConfiguration/maxHeaderBytes``, which is `limit`.
    case headersTooLarge(limit: Int)
    /// The request head is ambiguous or malformed (e.g. both `Content-Length` and
    /// `Transfer-Encoding`, two `Host` fields, control bytes in a field); says what.
    case malformedHead(String)
}

/// The application side of an ``HTTPServer``: turns requests into responses.
///
/// Both methods run synchronously on a libmicrohttpd worker thread, several at once, so an
/// implementation is `Sendable` and must not block for long: a blocked call holds a worker and
/// every connection that worker serves.
public protocol HTTPHandler: Sendable {
    /// Answers a complete request.
    /// - Parameter request: the request, with its whole body.
    /// - Returns: the response to send.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Answers a request the server refused before reading it completely; called instead of
    /// ``respond(to:)``. The connection is closed after the response.
    ///
    /// A body over the limit is detected from `Content-Length` before any of it is read when the
    /// header is present, otherwise (chunked upload) from the bytes counted so far.
    /// - Parameters:
    ///   - rejection: why the request was refused.
    ///   - request: the request line and headers; `body` is empty.
    /// - Returns: the response to send, typically 413.
    func respond(to rejection: HTTPRejection, of request: HTTPRequest) -> HTTPResponse
}
