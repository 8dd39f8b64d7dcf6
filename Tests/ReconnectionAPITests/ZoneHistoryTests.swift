import Foundation
import Testing

/// `GET /v1/zones/{zone}/history`: every accepted change, newest first, with its actor.
@Suite struct ZoneHistoryTests {
    @Test func historyListsChangesNewestFirstWithBeforeAndAfter() throws {
        try withDaemon { daemon in
            let created = try daemon.putZone("ranked", #""grace_seconds": 45"#)
            daemon.clock.advance(seconds: 1)
            let patched = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 50}"#)
            daemon.clock.advance(seconds: 1)
            let replaced = try daemon.putZone("ranked", #""grace_seconds": 55"#)
            let reply = try daemon.send("GET", "/v1/zones/ranked/history")
            #expect(reply.status == 200)
            let changes = reply.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.compactMap { $0["version"] as? Int } == [3, 2, 1])
            #expect(changes.compactMap { $0["action"] as? String } == ["update", "update", "create"])
            #expect(changes.allSatisfy { $0["actor"] as? String == "admin" })
            #expect(changes.first?["at"] as? String == daemon.now)
            #expect(sameJSON(changes[0]["after"] as? [String: Any] ?? [:], replaced.json))
            #expect(sameJSON(changes[0]["before"] as? [String: Any] ?? [:], patched.json))
            #expect(sameJSON(changes[2]["after"] as? [String: Any] ?? [:], created.json))
            #expect(changes[2]["before"] is NSNull)
        }
    }

    @Test func limitKeepsTheNewest() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked")
            for grace in 1...4 { try daemon.putZone("ranked", #""grace_seconds": \#(grace)"#) }
            let two = try daemon.send("GET", "/v1/zones/ranked/history?limit=2")
            #expect((two.json["changes"] as? [[String: Any]] ?? []).compactMap { $0["version"] as? Int } == [5, 4])
            let all = try daemon.send("GET", "/v1/zones/ranked/history")
            #expect((all.json["changes"] as? [Any])?.count == 5)
            for grace in 5...54 { try daemon.putZone("ranked", #""grace_seconds": \#(grace)"#) }
            let byDefault = try daemon.send("GET", "/v1/zones/ranked/history")
            let versions = (byDefault.json["changes"] as? [[String: Any]] ?? []).compactMap { $0["version"] as? Int }
            #expect(versions == Array((6...55).reversed()))
            for bad in ["0", "1001", "x", "-1"] {
                let reply = try daemon.send("GET", "/v1/zones/ranked/history?limit=\(bad)")
                #expect(reply.status == 400, "limit=\(bad)")
                #expect(reply.code == "invalid_field")
                #expect(reply.field == "limit")
            }
        }
    }

    @Test func historyOfTheDefaultZoneStartsWithItsCreation() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/v1/zones/default/history")
            let changes = reply.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.count == 1)
            #expect(changes.first?["action"] as? String == "create")
            #expect(changes.first?["version"] as? Int == 1)
        }
    }

    @Test func historyOfADeletedZoneIsStillServed() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked")
            #expect(try daemon.send("DELETE", "/v1/zones/ranked").status == 204)
            let reply = try daemon.send("GET", "/v1/zones/ranked/history")
            #expect(reply.status == 200)
            let changes = reply.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.compactMap { $0["action"] as? String } == ["delete", "create"])
            #expect(changes.first?["after"] is NSNull)
            #expect(changes.first?["actor"] as? String == "admin")
            #expect((changes.first?["before"] as? [String: Any])?["name"] as? String == "ranked")
        }
    }

    @Test func historyOfAZoneThatNeverExistedIsNotFound() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/v1/zones/never/history")
            #expect(reply.status == 404)
            #expect(reply.code == "zone_not_found")
        }
    }

    @Test func historyNeedsTheAdminToken() throws {
        try withDaemon { daemon in
            let server = try daemon.send("GET", "/v1/zones/default/history", token: serverToken)
            #expect(server.status == 403)
            #expect(server.code == "forbidden")
            let anonymous = try daemon.send("GET", "/v1/zones/default/history", token: nil)
            #expect(anonymous.status == 401)
        }
    }
}
