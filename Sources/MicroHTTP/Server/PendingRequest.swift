/// One request between its first access-handler call and its completion; lives in `*con_cls`.
///
/// Not `Sendable` and needs no lock: libmicrohttpd drives a connection from a single worker
/// thread, so every call for one request, including the completed callback, is sequential.
final class PendingRequest {
    /// Method, path, query, headers and remote address; `body` fills as upload chunks arrive.
    var request: HTTPRequest
    /// Set once the request is refused; from then on upload bytes are dropped, not stored.
    var rejection: HTTPRejection?
    /// Set once a response is queued, so a further call cannot queue a second one.
    var answered = false

    init(request: HTTPRequest) {
        self.request = request
    }
}
