import Foundation
import MicroHTTP
import Testing

/// The real `reconnectd` executable: announcing its port, stopping on SIGTERM, refusing bad
/// flags and a corrupt state file with exit status 2 and one line.
@Suite(.enabled(if: reconnectdExecutable != nil, "reconnectd is not built next to the test bundle; run `swift build` first"))
struct ProcessTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func announcesItsPortServesAndExitsZeroOnSignal(signal: Int32) throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try DaemonProcess(
            ["--listen", "127.0.0.1:0", "--state-dir", directory, "--threads", "2"],
            environment: ["RECONNECTD_ADMIN_TOKEN": "process-admin", "RECONNECTD_SERVER_TOKEN": "process-server"])
        let line = try #require(daemon.line(containing: "listening on http://"), "no listening line: \(daemon.output)")
        let port = try #require(Self.port(in: line), "\(line)")
        #expect(port > 0)
        let client = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: .seconds(30))
        defer { client.close() }
        #expect(try client.send(method: "GET", path: "/healthz").status == 200)
        #expect(try client.send(method: "GET", path: "/readyz").status == 200)
        let zones = try client.send(method: "GET", path: "/v1/zones", headers: ["Authorization": "Bearer process-server"])
        #expect(zones.status == 200)
        daemon.send(signal)
        #expect(daemon.exitStatus() == 0, "\(daemon.output)")
        #expect(!daemon.output.contains("process-admin") && !daemon.output.contains("process-server"))
        #expect(FileManager.default.fileExists(atPath: directory + "/zones.json"))
    }

    @Test func generatedTokensAreNamedByFileNeverShown() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try DaemonProcess(["--listen", "127.0.0.1:0", "--state-dir", directory, "--log-format", "json"])
        #expect(daemon.line(containing: "listening on http://127.0.0.1:") != nil, "\(daemon.output)")
        daemon.send(SIGTERM)
        #expect(daemon.exitStatus() == 0, "\(daemon.output)")
        for name in ["admin", "server"] {
            let token = try String(contentsOfFile: "\(directory)/\(name).token", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!token.isEmpty)
            #expect(!daemon.output.contains(token), "the \(name) token was logged")
            #expect(daemon.output.contains("\(directory)/\(name).token"))
        }
    }

    @Test func flagsReachTheServer() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("file-admin\n".utf8).write(to: URL(fileURLWithPath: directory + "/admin.txt"))
        try Data("file-server\n".utf8).write(to: URL(fileURLWithPath: directory + "/server.txt"))
        let daemon = try DaemonProcess([
            "--listen", "127.0.0.1:0", "--state-dir", directory + "/state", "--metrics-auth", "--max-body-bytes", "64",
            "--admin-token-file", directory + "/admin.txt", "--server-token-file", directory + "/server.txt", "--log-level", "warning",
        ])
        let line = try #require(daemon.line(containing: "listening on http://"), "no listening line: \(daemon.output)")
        let client = HTTPClientConnection(host: "127.0.0.1", port: try #require(Self.port(in: line)), timeout: .seconds(30))
        defer { client.close() }
        #expect(try client.send(method: "GET", path: "/metrics").status == 401)
        #expect(try client.send(method: "GET", path: "/metrics", headers: ["Authorization": "Bearer file-admin"]).status == 200)
        #expect(try client.send(method: "GET", path: "/v1/zones", headers: ["Authorization": "Bearer file-server"]).status == 200)
        let big = try client.send(
            method: "PUT", path: "/v1/zones/ranked", headers: ["Authorization": "Bearer file-admin", "Content-Type": "application/json"],
            body: Array((#"{"grace_seconds": 45"# + String(repeating: " ", count: 100) + "}").utf8))
        #expect(big.status == 413)
        let small = try client.send(
            method: "PUT", path: "/v1/zones/ranked", headers: ["Authorization": "Bearer file-admin", "Content-Type": "application/json"],
            body: Array("{}".utf8))
        #expect(small.status == 201)
        daemon.send(SIGTERM)
        #expect(daemon.exitStatus() == 0, "\(daemon.output)")
        #expect(!daemon.output.contains("zone changed"))  // info lines are below --log-level warning
    }

    @Test(arguments: [
        ["--threads", "0"], ["--log-format", "xml"], ["--log-level", "loud"], ["--listen", "nonsense"],
        ["--listen", "127.0.0.1:70000"], ["--max-body-bytes", "0"], ["--no-such-flag"], ["--threads", "many"],
    ])
    func badFlagExitsTwoWithOneLine(flags: [String]) throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try DaemonProcess(["--listen", "127.0.0.1:0", "--state-dir", directory] + flags)
        #expect(daemon.exitStatus() == 2, "\(flags): \(daemon.output)")
        let lines = daemon.output.split(separator: "\n")
        #expect(lines.count == 1, "\(flags): \(daemon.output)")
        #expect(!daemon.output.contains("listening on"))
    }

    @Test func corruptStateFileExitsTwoAndIsLeftUntouched() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/zones.json"
        let contents = Data(#"{"zones": [{"name": "default", "grace_seconds": "#.utf8)
        try contents.write(to: URL(fileURLWithPath: path))
        let daemon = try DaemonProcess(["--listen", "127.0.0.1:0", "--state-dir", directory])
        #expect(daemon.exitStatus() == 2, "\(daemon.output)")
        let lines = daemon.output.split(separator: "\n")
        #expect(lines.count == 1, "\(daemon.output)")
        #expect(lines.first?.contains(path) == true, "\(daemon.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == contents)
    }

    /// The port of `listening on http://127.0.0.1:PORT`.
    private static func port(in line: String) -> Int? {
        guard let range = line.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}
