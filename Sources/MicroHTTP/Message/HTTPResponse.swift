/// An HTTP response as an ``HTTPHandler`` returns it.
///
/// libmicrohttpd writes `Content-Length` and `Date` itself; a `Content-Length` field set here
/// is ignored so the two can never disagree. A 1xx, 204 or 304 response is sent without a body
/// whatever `body` holds, as HTTP requires.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. `200`; a value outside 100...999 is sent as 500.
    public var status: Int
    /// The header fields to send.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    /// - Parameters:
    ///   - status: the status code.
    ///   - headers: the header fields.
    ///   - body: the body bytes.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether HTTP forbids a body for this status.
    var forbidsBody: Bool {
        (100..<200).contains(status) || status == 204 || status == 304
    }
}
