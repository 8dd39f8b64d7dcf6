import Foundation
import Testing

/// The rename of `zones.json` is the commit: a history line written before a crash that came
/// before the rename was never acknowledged, and a restart drops it.
@Suite struct CommitOrderTests {
    @Test func anUncommittedLastHistoryLineIsDroppedAtStart() throws {
        let directory = try temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try withDaemon(stateDirectory: directory) { daemon in
            _ = try daemon.putZone("ranked", #""grace_seconds": 45"#)
        }
        // What a crash right after the append of version 2 (and before the rename) leaves.
        let historyPath = directory + "/history.jsonl"
        var lines = try String(contentsOfFile: historyPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let uncommitted = lines.last!.replacingOccurrences(of: #""version":1,"at""#, with: #""version":2,"at""#)
            .replacingOccurrences(of: #""action":"create""#, with: #""action":"update""#)
        lines.append(uncommitted)
        try (lines.joined(separator: "\n") + "\n").write(toFile: historyPath, atomically: false, encoding: .utf8)

        try withDaemon(stateDirectory: directory) { daemon in
            let history = try daemon.send("GET", "/v1/zones/ranked/history").json["changes"] as? [[String: Any]]
            #expect(history?.map { $0["version"] as? Int } == [1])
            let next = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 50}"#)
            #expect(next.json["version"] as? Int == 2)
        }
        let versions = try String(contentsOfFile: historyPath, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(#""zone":"ranked""#) }
            .map { $0.contains(#""version":2"#) ? 2 : 1 }
        #expect(versions == [1, 2], "the dropped line was cut from the file before the next append")
    }
}
