import Foundation
import Logging
import MicroHTTP
import ReconnectionAPI
import ReconnectionCore
import Testing

/// The state directory: zones and history survive a restart, a corrupt file stops the start
/// and stays as it was, and generated tokens are private files that work.
@Suite struct PersistenceTests {
    @Test func zonesVersionsAndHistorySurviveARestart() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var zonesBefore: [String: Any] = [:]
        var historyBefore: [String: Any] = [:]
        try withDaemon(stateDirectory: directory) { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 45, "phase_grace_seconds": {"lobby": 90}"#)
            daemon.clock.advance(seconds: 3)
            #expect(try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"reconnection_enabled": false}"#).status == 200)
            try daemon.putZone("temporary")
            #expect(try daemon.send("DELETE", "/v1/zones/temporary").status == 204)
            // Acknowledged means on disk already.
            let onDisk = try String(contentsOfFile: directory + "/zones.json", encoding: .utf8)
            #expect(onDisk.contains(#""reconnection_enabled":false"#))
            #expect(!onDisk.contains("temporary"))
            zonesBefore = try daemon.send("GET", "/v1/zones").json
            historyBefore = try daemon.send("GET", "/v1/zones/ranked/history").json
        }
        try withDaemon(stateDirectory: directory, clock: ManualClock(Timestamp(milliseconds: 1_900_000_000_000))) { daemon in
            let zones = try daemon.send("GET", "/v1/zones")
            #expect(sameJSON(zones.json, zonesBefore), "\(zones.text)")
            #expect((zones.json["zones"] as? [Any])?.count == 2)
            let ranked = try daemon.send("GET", "/v1/zones/ranked")
            #expect(ranked.headers["ETag"] == #""2""#)
            #expect(sameJSON(try daemon.send("GET", "/v1/zones/ranked/history").json, historyBefore))
            let deleted = try daemon.send("GET", "/v1/zones/temporary/history")
            #expect((deleted.json["changes"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String } == ["delete", "create"])
            #expect(try daemon.send("GET", "/v1/zones/temporary").status == 404)
            let next = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"reconnection_enabled": true}"#)
            #expect(next.headers["ETag"] == #""3""#)
            #expect(try daemon.send("GET", "/v1/zones/default/history").json["changes"].map { ($0 as? [Any])?.count } == 1)
        }
    }

    @Test(arguments: [
        "{not json", #"{"zones": [{"name": "default"}]}"#, #"{"zones": [], "extra": 1}"#,
        #"{"zones": [{"name": "x", "reconnection_enabled": true, "grace_seconds": 0, "phase_grace_seconds": {}, "event_buffer_size": 100, "max_pending_sessions": 1, "version": 1, "updated_at": "2026-11-21T10:00:00.000Z"}]}"#,
        "",
    ])
    func corruptZonesFileStopsTheStartAndIsLeftUntouched(contents: String) throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/zones.json"
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StartupError.self) {
            _ = try ReconnectionDaemon(
                service: ServiceConfiguration(stateDirectory: directory, adminToken: adminToken, serverToken: serverToken),
                http: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 1),
                clock: ManualClock(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        }
        #expect(error?.message.contains(path) == true, "\(error?.message ?? "")")
        #expect(!(error?.message.contains("\n") ?? true))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contents.utf8))
        #expect(!FileManager.default.fileExists(atPath: directory + "/history.jsonl"))
    }

    @Test func generatedTokensArePrivateFilesThatAuthenticate() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var tokens: [String] = []
        try withDaemon(stateDirectory: directory, tokens: (nil, nil)) { daemon in
            for name in ["admin", "server"] {
                let path = "\(directory)/\(name).token"
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name).token mode \(String(mode ?? 0, radix: 8))")
                let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(token.count == 43)
                #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                tokens.append(token)
            }
            #expect(tokens[0] != tokens[1])
            #expect(try daemon.send("PUT", "/v1/zones/ranked", token: tokens[0], json: "{}").status == 201)
            #expect(try daemon.send("GET", "/v1/zones/ranked", token: tokens[1]).status == 200)
            #expect(try daemon.send("PUT", "/v1/zones/ranked", token: tokens[1], json: "{}").status == 403)
            #expect(try daemon.send("GET", "/v1/zones", token: adminToken).status == 401)
        }
        try withDaemon(stateDirectory: directory, tokens: (nil, nil)) { daemon throws in
            #expect(try daemon.send("GET", "/v1/zones/ranked", token: tokens[0]).status == 200)
            #expect(try daemon.send("DELETE", "/v1/zones/ranked", token: tokens[0]).status == 204)
        }
    }

    @Test func tokenFilesGivenByFlagAreUsed() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("from-file-admin\n".utf8).write(to: URL(fileURLWithPath: directory + "/a.txt"))
        try Data("from-file-server\n".utf8).write(to: URL(fileURLWithPath: directory + "/s.txt"))
        try withDaemon(stateDirectory: directory, tokens: (nil, nil), tokenFiles: (directory + "/a.txt", directory + "/s.txt")) { daemon throws in
            #expect(try daemon.send("PUT", "/v1/zones/ranked", token: "from-file-admin", json: "{}").status == 201)
            #expect(try daemon.send("PUT", "/v1/zones/ranked", token: "from-file-server", json: "{}").status == 403)
            #expect(!FileManager.default.fileExists(atPath: directory + "/admin.token"))
        }
    }
}
