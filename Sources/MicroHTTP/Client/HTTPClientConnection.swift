/// A minimal blocking HTTP/1.1 client over one persistent TCP connection, for tests and load
/// generation.
///
/// It connects lazily, reuses the connection for every request while the server keeps it open,
/// and reconnects only after the server asked to close (or after ``close()``), counting each
/// TCP connection it opens so a test can prove keep-alive reuse. Not thread-safe: use one per
/// thread.
public final class HTTPClientConnection {
    /// The server's host, a name or an address literal.
    public let host: String
    /// The server's port.
    public let port: Int
    /// The bound on each connect, read and write.
    public let timeout: Duration
    /// How many TCP connections this client has opened so far.
    public private(set) var connectionsOpened = 0
    /// Whether the last response carried `Connection: close` (or the server closed the stream);
    /// the next ``send(method:path:headers:body:)`` then opens a new connection.
    public private(set) var serverAskedToClose = false

    private var socket: ClientSocket?

    /// Creates a client; nothing is connected until the first request.
    /// - Parameters:
    ///   - host: the server's host.
    ///   - port: the server's port.
    ///   - timeout: the bound on each connect, read and write.
    public init(host: String, port: Int, timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// Sends one request and reads its response.
    ///
    /// Adds `Host`, and `Content-Length` unless `headers` says `Transfer-Encoding: chunked`, in
    /// which case the body is sent in chunks. With `Expect: 100-continue` the body is sent only
    /// after the server's `100 Continue`; a final response instead is returned at once and the
    /// connection, now out of step, is closed.
    /// - Parameters:
    ///   - method: the method token, e.g. `"GET"`.
    ///   - path: the request target, e.g. `"/items?x=1"`.
    ///   - headers: header fields to send.
    ///   - body: the body bytes.
    /// - Returns: the final (non-1xx) response.
    /// - Throws: ``HTTPClientError`` when connecting, writing or reading fails, or the response
    ///   is malformed; the connection is then closed.
    public func send(
        method: String, path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws(HTTPClientError) -> HTTPClientResponse {
        let socket = try connectedSocket()
        do {
            let chunked = headers.values(for: "Transfer-Encoding").contains { $0.lowercased().contains("chunked") }
            let expectsContinue = headers["Expect"]?.lowercased() == "100-continue" && !body.isEmpty
            try socket.write(head(method: method, path: path, headers: headers, bodyCount: body.count, chunked: chunked))
            if expectsContinue {
                var reader = ResponseReader(socket: socket, method: method)
                var interim = try reader.readHead()
                while interim.status != 100, (100..<200).contains(interim.status) {
                    interim = try reader.readHead()  // e.g. 103 Early Hints: not the answer yet
                }
                if interim.status != 100 {
                    let response = try reader.readBody(after: interim)
                    serverAskedToClose = true
                    close()
                    return response
                }
            }
            try socket.write(chunked ? Self.chunkedEncoding(of: body) : body)
            var reader = ResponseReader(socket: socket, method: method)
            let response = try reader.readResponse()
            if response.asksToClose || reader.reachedEndOfStream { serverAskedToClose = true }
            if serverAskedToClose { close() }
            return response
        } catch {
            close()
            throw error
        }
    }

    /// Closes the connection; the next request opens a new one.
    public func close() {
        socket?.close()
        socket = nil
    }

    private func connectedSocket() throws(HTTPClientError) -> ClientSocket {
        if let socket { return socket }
        let opened = try ClientSocket(host: host, port: port, timeout: timeout)
        connectionsOpened += 1
        serverAskedToClose = false
        socket = opened
        return opened
    }

    private func head(method: String, path: String, headers: HTTPHeaders, bodyCount: Int, chunked: Bool) -> [UInt8] {
        var fields = headers
        if !fields.contains("Host") {
            let bracketed = host.contains(":") ? "[\(host)]" : host
            fields.append(name: "Host", value: "\(bracketed):\(port)")
        }
        let mayCarryBody = bodyCount > 0 || ["POST", "PUT", "PATCH"].contains(method)
        if !chunked, !fields.contains("Content-Length"), mayCarryBody {
            fields.append(name: "Content-Length", value: String(bodyCount))
        }
        var text = "\(method) \(path) HTTP/1.1\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// The body as 16 KiB chunks and the terminating zero-size chunk.
    private static func chunkedEncoding(of body: [UInt8]) -> [UInt8] {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(body.count + body.count / 1024 + 16)
        var offset = 0
        while offset < body.count {
            let end = min(offset + 16 * 1024, body.count)
            encoded += Array("\(String(end - offset, radix: 16))\r\n".utf8)
            encoded += body[offset..<end]
            encoded += [0x0D, 0x0A]
            offset = end
        }
        encoded += Array("0\r\n\r\n".utf8)
        return encoded
    }
}
