internal import CMicroHTTPD

/// The object libmicrohttpd's callbacks reach through `cls`: it builds requests, enforces the
/// body limit, calls the handler and counts requests in flight.
///
/// `Sendable` because all of it is immutable or atomic; per-request mutation happens in
/// ``PendingRequest``, owned by one worker thread at a time.
final class RequestDispatcher: Sendable {
    let handler: any HTTPHandler
    let maxBodyBytes: Int
    let maxHeaderBytes: Int
    let inFlight = InFlightRequests()

    init(handler: any HTTPHandler, maxBodyBytes: Int, maxHeaderBytes: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// The first call for a request: only the head is known. Answering now would make
    /// libmicrohttpd close the connection, so a normal request is answered on a later call;
    /// only a head or body already known to be too large is refused at once, which is also the only
    /// moment libmicrohttpd lets us refuse without reading the body (a response cannot be
    /// queued while upload data is being delivered).
    func begin(on connection: MHDConnection, method: String, path: String) -> (PendingRequest, MHD_Result) {
        inFlight.begin()
        let request = HTTPRequest(
            method: method,
            path: path,
            query: connection.queryArguments(),
            headers: connection.headers(),
            body: [],
            remoteAddress: connection.remoteAddress()
        )
        let pending = PendingRequest(request: request)
        if let problem = HeadCheck.problem(in: request.headers) {
            pending.rejection = .malformedHead(problem)
            return (pending, answer(pending, on: connection))
        }
        if headBytes(of: request) > maxHeaderBytes {
            pending.rejection = .headersTooLarge(limit: maxHeaderBytes)
            return (pending, answer(pending, on: connection))
        }
        if declaredLengthExceedsLimit(request.headers) {
            pending.rejection = .bodyTooLarge(limit: maxBodyBytes)
            return (pending, answer(pending, on: connection))
        }
        return (pending, .YES)
    }

    /// A chunk of the body. Stored while under the limit; once over, the request is rejected,
    /// what was stored is freed and the rest is read and dropped so the client can be told 413
    /// when the upload ends. All bytes are always consumed.
    func receive(_ chunk: UnsafeRawBufferPointer, for pending: PendingRequest) {
        guard pending.rejection == nil, !pending.answered else { return }
        if pending.request.body.count + chunk.count > maxBodyBytes {
            pending.rejection = .bodyTooLarge(limit: maxBodyBytes)
            pending.request.body = []
            return
        }
        pending.request.body.append(contentsOf: chunk)
    }

    /// The last call for a request: the body is complete, so the response can be queued
    /// without losing keep-alive.
    func finish(_ pending: PendingRequest, on connection: MHDConnection) -> MHD_Result {
        guard !pending.answered else { return .YES }
        return answer(pending, on: connection)
    }

    /// The request is over (answered, or its connection went away).
    func complete(_ pending: PendingRequest) {
        inFlight.end()
    }

    private func answer(_ pending: PendingRequest, on connection: MHDConnection) -> MHD_Result {
        pending.answered = true
        let response: HTTPResponse
        if let rejection = pending.rejection {
            response = handler.respond(to: rejection, of: pending.request)
        } else {
            response = handler.respond(to: pending.request)
        }
        // A rejected request may have body bytes still on the wire; closing is the only way
        // to keep them from being parsed as the next request.
        return connection.queue(response, closing: pending.rejection != nil) ? .YES : .NO
    }

    /// The size of the request head as sent: path, query and `name: value` lines.
    private func headBytes(of request: HTTPRequest) -> Int {
        let fields = request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        let query = request.query.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 }
        return request.method.utf8.count + request.path.utf8.count + query + fields
    }

    /// `Content-Length` is digits only (libmicrohttpd answers 400 to anything else); a value
    /// too big for `Int` is over any limit.
    private func declaredLengthExceedsLimit(_ headers: HTTPHeaders) -> Bool {
        guard let declared = headers["Content-Length"], !declared.isEmpty,
              declared.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        guard let length = Int(declared) else { return true }
        return length > maxBodyBytes
    }
}
