import Foundation
import Logging
import MicroHTTP
import ReconnectionAPI
import ReconnectionCore
import Testing

/// The bearer tokens every in-process daemon is started with.
let adminToken = "admin-secret"
let serverToken = "server-secret"

/// A ``ReconnectionDaemon`` running in-process on an ephemeral loopback port, with a manual
/// clock and one keep-alive client talking real HTTP to it.
final class LiveDaemon {
    let daemon: ReconnectionDaemon
    let clock: ManualClock
    let stateDirectory: String
    let client: HTTPClientConnection

    init(daemon: ReconnectionDaemon, clock: ManualClock, stateDirectory: String) {
        self.daemon = daemon
        self.clock = clock
        self.stateDirectory = stateDirectory
        client = HTTPClientConnection(host: "127.0.0.1", port: daemon.port, timeout: .seconds(30))
    }

    var service: ReconnectionService { daemon.service }

    /// Sends one request. `json` sets the body and, unless `headers` names one, `Content-Type:
    /// application/json`. Every reply is checked against API.md's conventions on the way back.
    func send(
        _ method: String, _ path: String, token: String? = adminToken, json: String? = nil,
        headers: HTTPHeaders = HTTPHeaders(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Reply {
        var fields = headers
        if let token { fields.append(name: "Authorization", value: "Bearer \(token)") }
        if json != nil, !fields.contains("Content-Type") { fields.append(name: "Content-Type", value: "application/json") }
        let response = try client.send(method: method, path: path, headers: fields, body: Array((json ?? "").utf8))
        let reply = Reply(response)
        reply.checkConventions(path: path, method: method, sourceLocation: sourceLocation)
        return reply
    }

    /// The current time of the daemon's clock as API.md writes times.
    var now: String { rfc3339(clock.now()) }
}

/// One response, with its body read as JSON when it is JSON.
struct Reply {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    init(_ response: HTTPClientResponse) {
        status = response.status
        headers = response.headers
        body = response.body
    }

    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as a JSON object; empty when it is not one.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    /// The problem document's `code`.
    var code: String? { json["code"] as? String }
    /// The problem document's `field` (for `unknown_field` / `invalid_field`).
    var field: String? { json["field"] as? String }
    var contentType: String? { headers["Content-Type"] }

    /// `Cache-Control: no-store` on everything but `/metrics`; an error (but `/readyz`'s 503,
    /// a status document) is an RFC 9457 problem document agreeing with the status line.
    func checkConventions(path: String, method: String, sourceLocation: SourceLocation) {
        if !path.hasPrefix("/metrics") {
            #expect(headers["Cache-Control"] == "no-store", "\(status) without Cache-Control: no-store", sourceLocation: sourceLocation)
        }
        guard status >= 400, method != "HEAD", path != "/readyz" else { return }
        #expect(contentType == "application/problem+json", "\(status) is not a problem document: \(text)", sourceLocation: sourceLocation)
        let problem = json
        let code = problem["code"] as? String ?? ""
        #expect(!code.isEmpty, sourceLocation: sourceLocation)
        #expect(problem["type"] as? String == "urn:reconnectd:problem:\(code)", sourceLocation: sourceLocation)
        #expect(problem["status"] as? Int == status, sourceLocation: sourceLocation)
        #expect(!(problem["title"] as? String ?? "").isEmpty, sourceLocation: sourceLocation)
        #expect(!(problem["detail"] as? String ?? "").isEmpty, sourceLocation: sourceLocation)
    }
}

/// Starts a daemon on port 0 over a state directory (a fresh one unless given), runs `body`
/// against it and stops it, whatever `body` does.
func withDaemon(
    stateDirectory: String? = nil, clock: ManualClock = ManualClock(), maxBodyBytes: Int = 1 << 20,
    metricsNeedAuth: Bool = false, tokens: (admin: String?, server: String?) = (adminToken, serverToken),
    tokenFiles: (admin: String?, server: String?) = (nil, nil),
    configure: (inout ServiceConfiguration, inout HTTPServerConfiguration) -> Void = { _, _ in },
    _ body: (LiveDaemon) throws -> Void
) throws {
    let directory = try stateDirectory ?? temporaryStateDirectory()
    defer { if stateDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }
    var service = ServiceConfiguration(
        stateDirectory: directory, adminToken: tokens.admin, serverToken: tokens.server,
        adminTokenFile: tokenFiles.admin, serverTokenFile: tokenFiles.server, metricsNeedAuth: metricsNeedAuth)
    var http = HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 2, maxBodyBytes: maxBodyBytes)
    configure(&service, &http)
    let daemon = try ReconnectionDaemon(
        service: service, http: http, clock: clock, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    try daemon.start()
    defer { daemon.stop() }
    let live = LiveDaemon(daemon: daemon, clock: clock, stateDirectory: directory)
    defer { live.client.close() }
    try body(live)
}

/// A fresh, empty directory for one test's state.
func temporaryStateDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("reconnectd-api-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// An instant as API.md writes it: RFC 3339 UTC with milliseconds.
func rfc3339(_ instant: Timestamp) -> String {
    let milliseconds = instant.milliseconds
    let date = Date(timeIntervalSince1970: TimeInterval(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient))
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    let seconds = formatter.string(from: date).dropLast()  // without its "Z"
    return seconds + String(format: ".%03dZ", Int(milliseconds % 1000))
}

/// Whether two JSON values are equal, member by member; `true` and `1` differ.
func sameJSON(_ lhs: Any, _ rhs: Any) -> Bool {
    JSONShape(lhs) == JSONShape(rhs)
}

/// A JSON value from `JSONSerialization` or a Swift literal, comparable. (Foundation's
/// `NSDictionary.isEqual` does not compare nested Swift values on Linux.)
indirect enum JSONShape: Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONShape]), object([String: JSONShape])

    init(_ value: Any) {
        switch value {
        case let flag as Bool where type(of: value) == Bool.self: self = .bool(flag)
        case let integer as Int where type(of: value) == Int.self: self = .number(Double(integer))
        case let real as Double where type(of: value) == Double.self: self = .number(real)
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let text as String: self = .string(text)
        case let elements as [Any]: self = .array(elements.map(JSONShape.init))
        case let members as [String: Any]: self = .object(members.mapValues(JSONShape.init))
        default: self = .null
        }
    }
}
