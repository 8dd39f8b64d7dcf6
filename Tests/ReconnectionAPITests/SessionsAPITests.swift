import Foundation
import Testing

/// `GET /v1/zones/{zone}/sessions` and `DELETE …/rooms/{room}/players/{player}`.
@Suite struct SessionsAPITests {
    @Test func listingShowsPendingSessionsWithoutTokens() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 45, "phase_grace_seconds": {"lobby": 90}"#)
            let disconnect = try daemon.disconnect("ranked", room: "r1", player: "p1", phase: "lobby", authority: true)
            let token = disconnect.json["token"] as? String ?? "?"
            daemon.clock.advance(seconds: 10.25)
            let reply = try daemon.send("GET", "/v1/zones/ranked/sessions", token: serverToken)
            #expect(reply.status == 200)
            #expect(!reply.text.contains(token))
            #expect(!reply.text.contains("token"))
            let expected: [String: Any] = [
                "sessions": [[
                    "room_id": "r1", "player_id": "p1", "phase": "lobby", "authority": true,
                    "disconnected_at": disconnect.json["disconnected_at"] as? String ?? "",
                    "expires_at": disconnect.json["expires_at"] as? String ?? "", "remaining_seconds": 79.75,
                ]],
                "next_cursor": NSNull(),
            ]
            #expect(sameJSON(reply.json, expected), "\(reply.text)")
        }
    }

    @Test func pagesCoverEverySessionExactlyOnce() throws {
        try withDaemon { daemon in
            var expected: [String] = []
            for room in ["r1", "r2", "r3"] {
                for player in ["a", "b", "c", "d"] where !(room == "r2" && player == "d") {
                    _ = try daemon.tokenFor(room: room, player: player)
                    expected.append("\(room)/\(player)")
                }
            }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? ""
                let page = try daemon.send("GET", "/v1/zones/default/sessions?limit=4\(query)", token: serverToken)
                #expect(page.status == 200)
                let sessions = page.json["sessions"] as? [[String: Any]] ?? []
                #expect(sessions.count <= 4)
                seen += sessions.map { "\($0["room_id"] as? String ?? "")/\($0["player_id"] as? String ?? "")" }
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen.sorted() == expected.sorted())
            #expect(Set(seen).count == seen.count)
            #expect(pages == 3)
        }
    }

    @Test func defaultLimitIsOneHundred() throws {
        try withDaemon { daemon in
            for index in 0..<101 { _ = try daemon.tokenFor(room: "r\(index / 10)", player: "p\(index)") }
            let first = try daemon.send("GET", "/v1/zones/default/sessions")
            #expect((first.json["sessions"] as? [Any])?.count == 100)
            let cursor = try #require(first.json["next_cursor"] as? String)
            let rest = try daemon.send("GET", "/v1/zones/default/sessions?limit=1000&cursor=\(cursor)")
            #expect((rest.json["sessions"] as? [Any])?.count == 1)
            #expect(rest.json["next_cursor"] is NSNull)
        }
    }

    @Test func roomFilterListsOneRoom() throws {
        try withDaemon { daemon in
            for (room, player) in [("r1", "a"), ("r2", "b"), ("r2", "c"), ("r3", "d")] {
                _ = try daemon.tokenFor(room: room, player: player)
            }
            let reply = try daemon.send("GET", "/v1/zones/default/sessions?room=r2")
            let sessions = reply.json["sessions"] as? [[String: Any]] ?? []
            #expect(sessions.compactMap { $0["player_id"] as? String } == ["b", "c"])
            #expect(sessions.allSatisfy { $0["room_id"] as? String == "r2" })
            let empty = try daemon.send("GET", "/v1/zones/default/sessions?room=r9")
            #expect((empty.json["sessions"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("cursor=garbage", "cursor"),
        ("cursor=a/b/c", "cursor"), ("room=bad%20room", "room"),
    ])
    func badQueryIsInvalidField(query: String, field: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/v1/zones/default/sessions?\(query)")
            #expect(reply.status == 400)
            #expect(reply.code == "invalid_field")
            #expect(reply.field == field)
        }
    }

    @Test func unknownZoneIsZoneNotFound() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/v1/zones/nowhere/sessions")
            #expect(reply.status == 404)
            #expect(reply.code == "zone_not_found")
        }
    }

    @Test func cancellingASessionEndsItsToken() throws {
        try withDaemon { daemon in
            let token = try daemon.tokenFor(room: "r1", player: "p1")
            let cancelled = try daemon.send("DELETE", "/v1/zones/default/rooms/r1/players/p1", token: serverToken)
            #expect(cancelled.status == 204)
            #expect(cancelled.body.isEmpty)
            let again = try daemon.send("DELETE", "/v1/zones/default/rooms/r1/players/p1", token: serverToken)
            #expect(again.status == 404)
            #expect(again.code == "session_not_found")
            #expect(try daemon.send("DELETE", "/v1/zones/default/rooms/r9/players/p9", token: serverToken).code == "session_not_found")
            #expect(try daemon.redeem(room: "r1", player: "p1", token: token).code == "token_invalid")
            #expect(try daemon.scrape().value("reconnection_cancellations_total", ["zone": "default", "reason": "cancelled"]) == 1)
        }
    }
}
