import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A state directory that cannot be written: the change is answered 503 `storage_unavailable`
/// naming the file and the system's reason, nothing changes (in memory or on disk), and the
/// daemon keeps serving. Symlinks make the obstacle, so the tests also hold when run as root,
/// where permissions would not stop a write.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
struct StorageFailureTests {
    @Test(arguments: [
        Obstacle(file: "zones.json.tmp", target: "/dev/full", reason: "No space left on device"),
        Obstacle(file: "zones.json.tmp", target: "/nonexistent-reconnectd-dir/zones.json.tmp", reason: "No such file or directory"),
        Obstacle(file: "history.jsonl", target: "/dev/full", reason: "No space left on device"),
    ])
    func aWriteThatCannotBeStoredIs503AndChangesNothing(obstacle: Obstacle) throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try withDaemon(stateDirectory: directory) { daemon in
            let before = try daemon.putZone("ranked", #""grace_seconds": 45"#)
            let placed = try obstacle.place(in: directory)
            for (method, path, json) in [
                ("PUT", "/v1/zones/ranked", #"{"grace_seconds": 60}"#), ("PATCH", "/v1/zones/ranked", #"{"grace_seconds": 61}"#),
                ("PUT", "/v1/zones/fresh", "{}"), ("DELETE", "/v1/zones/ranked", nil),
            ] {
                let reply = try daemon.send(method, path, json: json)
                #expect(reply.status == 503, "\(method) \(path): \(reply.text)")
                #expect(reply.code == "storage_unavailable", "\(method) \(path): \(reply.text)")
                let detail = reply.json["detail"] as? String ?? ""
                #expect(detail.contains(obstacle.file) && detail.contains(obstacle.reason), "\(method): \(detail)")
            }
            let now = try daemon.send("GET", "/v1/zones/ranked")
            #expect(sameJSON(now.json, before.json), "\(now.text)")
            #expect(try daemon.send("GET", "/v1/zones/fresh").status == 404)
            #expect(try daemon.disconnect("ranked", room: "r", player: "p").status == 201)
            let history = try daemon.send("GET", "/v1/zones/ranked/history").json["changes"] as? [Any]
            #expect(history?.count == 1)

            try placed.remove()
            let after = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 50}"#)
            #expect(after.status == 200, "\(after.text)")
            #expect(after.json["version"] as? Int == 2)
        }
    }

    /// The files must not hold a change that was answered 503 either: after a restart the zone
    /// is as it was, not as the refused request wanted it.
    @Test func aRefusedChangeIsNotOnDiskAfterARestart() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var before: [String: Any] = [:]
        try withDaemon(stateDirectory: directory) { daemon in
            before = try daemon.putZone("ranked", #""grace_seconds": 45"#).json
            let placed = try Obstacle(file: "history.jsonl", target: "/dev/full", reason: "").place(in: directory)
            defer { try? placed.remove() }
            #expect(try daemon.send("DELETE", "/v1/zones/ranked").status == 503)
            #expect(try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 9}"#).status == 503)
        }
        try withDaemon(stateDirectory: directory) { daemon in
            let zone = try daemon.send("GET", "/v1/zones/ranked")
            #expect(zone.status == 200, "a DELETE answered 503 took effect on disk: \(zone.text)")
            #expect(sameJSON(zone.json, before), "\(zone.text)")
        }
    }
}

/// A file of the state directory replaced by a symlink that makes writing it fail.
struct Obstacle: CustomTestStringConvertible, Sendable {
    var file: String
    var target: String
    var reason: String

    var testDescription: String { "\(file) -> \(target)" }

    /// Moves the real file aside (if any) and puts the symlink in its place.
    func place(in directory: String) throws -> Placed {
        let path = directory + "/" + file
        let aside = path + ".aside"
        let moved = rename(path, aside) == 0
        guard symlink(target, path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return Placed(path: path, aside: moved ? aside : nil)
    }

    struct Placed {
        var path: String
        var aside: String?

        /// Takes the symlink away and puts the real file back.
        func remove() throws {
            guard unlink(path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            if let aside, rename(aside, path) != 0 { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        }
    }
}
