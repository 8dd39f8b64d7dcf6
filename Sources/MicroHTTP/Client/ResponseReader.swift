/// Reads one HTTP/1.1 response from a ``ClientSocket``, framing the body as RFC 9112 §6.3 says:
/// none for HEAD/1xx/204/304, else chunked, else `Content-Length`, else until the peer closes.
struct ResponseReader {
    /// A status line and its header fields.
    struct Head {
        var status: Int
        var headers: HTTPHeaders
    }

    let socket: ClientSocket
    let method: String
    /// Set when the body had no length and was read until the server closed.
    private(set) var reachedEndOfStream = false

    init(socket: ClientSocket, method: String) {
        self.socket = socket
        self.method = method
    }

    /// The final response, skipping any interim 1xx responses.
    mutating func readResponse() throws(HTTPClientError) -> HTTPClientResponse {
        var head = try readHead()
        while (100..<200).contains(head.status) {
            head = try readHead()
        }
        return try readBody(after: head)
    }

    /// The status line and header fields of the next response.
    func readHead() throws(HTTPClientError) -> Head {
        guard let statusLine = try socket.readLine() else {
            throw HTTPClientError("connection closed before a response")
        }
        let parts = String(decoding: statusLine, as: UTF8.self).split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw HTTPClientError("bad status line: \(String(decoding: statusLine, as: UTF8.self))")
        }
        var headers = HTTPHeaders()
        while let line = try socket.readLine(), !line.isEmpty {
            let field = try Self.field(line)
            headers.append(name: field.name, value: field.value)
        }
        return Head(status: status, headers: headers)
    }

    /// The body that follows `head`, as the complete response.
    mutating func readBody(after head: Head) throws(HTTPClientError) -> HTTPClientResponse {
        let body: [UInt8]
        if method == "HEAD" || (100..<200).contains(head.status) || head.status == 204 || head.status == 304 {
            body = []
        } else if let encoding = head.headers.values(for: "Transfer-Encoding").last,
                  encoding.lowercased().hasSuffix("chunked") {
            body = try readChunks()
        } else if let length = head.headers["Content-Length"] {
            guard let count = Int(length), count >= 0 else {
                throw HTTPClientError("bad Content-Length: \(length)")
            }
            body = try socket.read(exactly: count)
        } else {
            body = try socket.readToEnd()
            reachedEndOfStream = true
        }
        return HTTPClientResponse(status: head.status, headers: head.headers, body: body)
    }

    private func readChunks() throws(HTTPClientError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            guard let sizeLine = try socket.readLine() else {
                throw HTTPClientError("connection closed inside a chunked body")
            }
            // A chunk size may carry `;extension`s, which mean nothing to us.
            let digits = String(decoding: sizeLine, as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(digits.trimmingSpaces, radix: 16), size >= 0 else {
                throw HTTPClientError("bad chunk size line: \(String(decoding: sizeLine, as: UTF8.self))")
            }
            if size == 0 { break }
            body += try socket.read(exactly: size)
            guard try socket.readLine() == [] else { throw HTTPClientError("chunk not followed by CRLF") }
        }
        // Trailer fields, discarded, up to the empty line.
        while let line = try socket.readLine(), !line.isEmpty {}
        return body
    }

    private static func field(_ line: [UInt8]) throws(HTTPClientError) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPClientError("bad header line: \(String(decoding: line, as: UTF8.self))")
        }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let value = Substring(String(decoding: line[(colon + 1)...], as: UTF8.self)).trimmingSpaces
        return (name: name, value: String(value))
    }
}
