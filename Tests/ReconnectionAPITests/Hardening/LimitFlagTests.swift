import Foundation
import MicroHTTP
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The resource-bound flags of the real executable: bad values are refused like every other
/// bad flag, and good ones reach the HTTP server and the service (the in-process tests of
/// `Limits/` set the configuration directly, so only these prove the wiring).
@Suite(.enabled(if: reconnectdExecutable != nil, "reconnectd is not built next to the test bundle; run `swift build` first"))
struct LimitFlagTests {
    static let environment = ["RECONNECTD_ADMIN_TOKEN": "limit-admin", "RECONNECTD_SERVER_TOKEN": "limit-server"]
    static let server: HTTPHeaders = ["Authorization": "Bearer limit-server", "Content-Type": "application/json"]

    @Test(arguments: [
        ["--max-connections", "0"], ["--max-connections-per-ip", "-1"], ["--connection-timeout", "0"],
        ["--max-header-bytes", "10"], ["--max-json-depth", "0"], ["--connection-memory-bytes", "100"],
        ["--max-header-bytes", "16384", "--connection-memory-bytes", "8192"], ["--failures-per-ip", "0"],
        ["--failure-refill-per-ip", "-1"], ["--failures-per-player", "lots"], ["--failure-refill-per-player", "nan"],
    ])
    func badLimitFlagExitsTwoWithOneLine(flags: [String]) throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try DaemonProcess(["--listen", "127.0.0.1:0", "--state-dir", directory] + flags)
        #expect(daemon.exitStatus() == 2, "\(flags): \(daemon.output)")
        #expect(daemon.output.split(separator: "\n").count == 1, "\(flags): \(daemon.output)")
        #expect(!daemon.output.contains("listening on"))
    }

    @Test func limitFlagsReachTheServerAndTheService() throws {
        try withProcess([
            "--max-header-bytes", "1024", "--max-json-depth", "4", "--max-body-bytes", "256",
            "--failures-per-player", "2", "--failure-refill-per-player", "0.01",
        ]) { port in
            let client = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: .seconds(30))
            defer { client.close() }
            let big = try client.send(method: "GET", path: "/healthz", headers: ["X-Padding": String(repeating: "x", count: 2048)])
            #expect(big.status == 431)
            #expect(Self.code(big) == "headers_too_large", "\(String(decoding: big.body, as: UTF8.self))")

            let events = "/v1/zones/default/rooms/r/events"
            let shallow = try client.send(method: "POST", path: events, headers: Self.server, body: Array(#"{"type":"t","payload":[1]}"#.utf8))
            #expect(shallow.status == 201)
            let deep = try client.send(method: "POST", path: events, headers: Self.server, body: Array(#"{"type":"t","payload":[[[[[1]]]]]}"#.utf8))
            #expect(deep.status == 400)
            #expect(Self.code(deep) == "malformed_json")
            let long = try client.send(
                method: "POST", path: events, headers: Self.server,
                body: Array(#"{"type":"t","payload":"\#(String(repeating: "y", count: 300))"}"#.utf8))
            #expect(long.status == 413)

            let issued = try client.send(
                method: "POST", path: "/v1/zones/default/disconnects", headers: Self.server, body: Array(#"{"room_id":"r","player_id":"p"}"#.utf8))
            let token = try #require(Self.json(issued)["token"] as? String)
            let redeem = { (token: String) throws -> HTTPClientResponse in
                try client.send(
                    method: "POST", path: "/v1/zones/default/reconnects", headers: Self.server,
                    body: Array(#"{"room_id":"r","player_id":"p","token":"\#(token)"}"#.utf8))
            }
            let wrong = String(repeating: "C", count: 22)
            #expect(try redeem(wrong).status == 403)
            #expect(try redeem(wrong).status == 403)
            let throttled = try redeem(wrong)
            #expect(throttled.status == 429)
            #expect(Self.code(throttled) == "too_many_failures")
            let retry = Int(throttled.headers["Retry-After"] ?? "")
            #expect(retry != nil && retry! >= 1, "Retry-After: \(throttled.headers["Retry-After"] ?? "none")")
            #expect(try redeem(token).status == 200, "a good token must redeem while the player's bucket is empty")

            let metrics = ScrapedMetrics(String(decoding: try client.send(method: "GET", path: "/metrics").body, as: UTF8.self))
            for reason in ["headers_too_large", "body_too_large", "too_many_failures"] {
                #expect(metrics.value("reconnection_http_rejections_total", ["reason": reason]) == 1, "\(reason)")
            }
        }
    }

    @Test func anIdleConnectionIsClosedAfterTheTimeout() throws {
        try withProcess(["--connection-timeout", "1"]) { port in
            let idle = try RawConnection(port: port)
            #expect(idle.closedByServer(within: .seconds(10)), "a silent connection outlived --connection-timeout 1")
            let client = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: .seconds(30))
            defer { client.close() }
            #expect(try client.send(method: "GET", path: "/healthz").status == 200)
        }
    }

    @Test func oneAddressHoldsAtMostItsShareOfConnections() throws {
        try withProcess(["--max-connections-per-ip", "2"]) { port in
            let held = try (0..<2).map { _ in try RawConnection(port: port, from: "127.0.0.2") }
            let extra = try RawConnection(port: port, from: "127.0.0.2")
            #expect(extra.closedByServer(within: .seconds(10)), "a third connection from 127.0.0.2 was kept")
            for connection in held {
                #expect(!connection.closedByServer(within: .milliseconds(200)))
            }
            // Another address is not affected.
            let client = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: .seconds(30))
            defer { client.close() }
            #expect(try client.send(method: "GET", path: "/healthz").status == 200)
        }
    }

    /// Runs `body` with the port of a `reconnectd flags…` process, then stops it with SIGTERM.
    private func withProcess(_ flags: [String], _ body: (Int) throws -> Void) throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try DaemonProcess(
            ["--listen", "127.0.0.1:0", "--state-dir", directory, "--threads", "2"] + flags, environment: Self.environment)
        let line = try #require(daemon.line(containing: "listening on http://127.0.0.1:"), "\(daemon.output)")
        let port = try #require(line.components(separatedBy: "listening on http://127.0.0.1:").last.flatMap { Int($0.prefix { $0.isNumber }) })
        try body(port)
        daemon.send(SIGTERM)
        #expect(daemon.exitStatus() == 0, "\(daemon.output)")
    }

    private static func json(_ response: HTTPClientResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    private static func code(_ response: HTTPClientResponse) -> String? {
        json(response)["code"] as? String
    }
}

/// A TCP connection that sends nothing, to watch what the server does with it. Bound to
/// `from` first, so a test can be "another client address" (Linux routes all of 127/8 to
/// loopback).
final class RawConnection {
    private let fd: Int32

    init(port: Int, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        if let source {
            var local = Self.address(source, port: 0)
            guard Self.withSockaddr(&local, { bind(fd, $0, $1) }) == 0 else {
                close(fd)
                throw POSIXError(.init(rawValue: errno) ?? .EIO)
            }
        }
        var remote = Self.address("127.0.0.1", port: port)
        guard Self.withSockaddr(&remote, { connect(fd, $0, $1) }) == 0 else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
    }

    deinit { close(fd) }

    /// Whether the server closes (or resets) the connection within `duration`.
    func closedByServer(within duration: Duration) -> Bool {
        let milliseconds = Int32(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK)) <= 0
    }

    private static func address(_ host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }

    private static func withSockaddr(_ address: inout sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
