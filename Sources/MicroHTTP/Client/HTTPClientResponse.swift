/// A response read by ``HTTPClientConnection``.
public struct HTTPClientResponse: Sendable {
    /// The status code, e.g. `200`.
    public var status: Int
    /// The response header fields, in the order received.
    public var headers: HTTPHeaders
    /// The body, de-chunked when it was sent chunked.
    public var body: [UInt8]

    /// Creates a response.
    /// - Parameters:
    ///   - status: the status code.
    ///   - headers: the header fields.
    ///   - body: the body bytes.
    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the server said it will close the connection after this response.
    public var asksToClose: Bool {
        headers.values(for: "Connection").contains { value in
            value.split(separator: ",").contains { $0.trimmingSpaces.lowercased() == "close" }
        }
    }
}

/// Why ``HTTPClientConnection`` could not complete an exchange.
public struct HTTPClientError: Error, CustomStringConvertible, Equatable {
    /// A sentence naming the step that failed and the system's reason.
    public var description: String

    /// Creates an error.
    /// - Parameter description: what failed.
    public init(_ description: String) {
        self.description = description
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
