import Dispatch
import MicroHTTP
import Synchronization

/// A handler that echoes what it received, counts its calls, and can hold a request until the
/// test releases it.
///
/// - `/status/<n>` answers status n with a body (which must not reach the wire for 204/304).
/// - `/hold` signals `entered`, then waits for `release` before answering.
/// - anything else echoes: method, path, query, remote address and `X-Test-*` headers as
///   response headers, the request body as the body.
final class RecordingHandler: HTTPHandler {
    let requests = Atomic<Int>(0)
    let rejections = Mutex<[HTTPRejection]>([])
    let rejectedBodySizes = Mutex<[Int]>([])
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func respond(to request: HTTPRequest) -> HTTPResponse {
        requests.add(1, ordering: .relaxed)
        if request.path == "/hold" {
            entered.signal()
            release.wait()
            return HTTPResponse(status: 200, body: Array("held".utf8))
        }
        if request.path.hasPrefix("/status/"), let status = Int(request.path.dropFirst("/status/".count)) {
            return HTTPResponse(status: status, headers: ["Content-Length": "999"], body: Array("ignored".utf8))
        }
        var headers: HTTPHeaders = [
            "X-Method": request.method,
            "X-Path": request.path,
            "X-Query": request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&"),
            "X-Remote": request.remoteAddress,
            "X-Body-Count": String(request.body.count),
        ]
        for (name, value) in request.headers where name.lowercased().hasPrefix("x-test-") {
            headers.append(name: "X-Seen-" + name.dropFirst("x-test-".count), value: value)
        }
        return HTTPResponse(status: 200, headers: headers, body: request.body)
    }

    func respond(to rejection: HTTPRejection, of request: HTTPRequest) -> HTTPResponse {
        rejections.withLock { $0.append(rejection) }
        rejectedBodySizes.withLock { $0.append(request.body.count) }
        return HTTPResponse(status: 413, headers: ["Content-Type": "text/plain"], body: Array("too large".utf8))
    }

    var requestCount: Int { requests.load(ordering: .relaxed) }
    var rejectionList: [HTTPRejection] { rejections.withLock { $0 } }
}
