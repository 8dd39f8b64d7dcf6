import Testing

/// `POST /v1/zones/{zone}/reconnects`: a good redeem, and every failure of API.md's table
/// with the failure counter it moves.
@Suite struct RedeemAPITests {
    @Test func redeemRestoresThePlayerOnce() throws {
        try withDaemon { daemon in
            let disconnect = try daemon.disconnect(room: "r1", player: "p1", authority: true)
            daemon.clock.advance(seconds: 12.5)
            let reply = try daemon.redeem(room: "r1", player: "p1", token: disconnect.json["token"] as? String ?? "")
            #expect(reply.status == 200)
            let expected: [String: Any] = [
                "zone": "default", "room_id": "r1", "player_id": "p1", "authority": true, "disconnected_seconds": 12.5,
                "events": [Any](), "replay_complete": true, "snapshot_required": false,
            ]
            #expect(sameJSON(reply.json, expected), "\(reply.text)")
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_completions_total", ["zone": "default"]) == 1)
            #expect(scrape.value("reconnection_sessions_active", ["zone": "default"]) == 0)
            #expect(scrape.value("reconnection_duration_seconds_count", ["zone": "default"]) == 1)
            #expect(scrape.value("reconnection_duration_seconds_sum", ["zone": "default"]) == 12.5)
        }
    }

    /// Each case sets up a refusal and names the code, status and counted reason it must get.
    @Test(arguments: [
        ("unknown", "token_invalid", 403, "unknown_token"), ("malformed", "token_invalid", 403, "unknown_token"),
        ("otherPlayer", "token_invalid", 403, "binding_mismatch"), ("otherRoom", "token_invalid", 403, "binding_mismatch"),
        ("otherZone", "token_invalid", 403, "binding_mismatch"), ("expired", "token_expired", 410, "expired"),
        ("expiredAndSwept", "token_expired", 410, "expired"), ("reused", "already_connected", 409, "reused"),
        ("roomClosed", "room_not_found", 404, "room_closed"), ("disabled", "reconnection_disabled", 409, "disabled"),
        ("cancelled", "token_invalid", 403, "cancelled"), ("superseded", "token_invalid", 403, "superseded"),
    ])
    func refusalAnswersItsCodeAndCountsItsReason(situation: String, code: String, status: Int, reason: String) throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 30"#)
            try daemon.putZone("other")
            let token = try daemon.tokenFor("ranked", room: "r1", player: "p1")
            _ = try daemon.tokenFor("ranked", room: "r1", player: "p2")
            var attempt = (zone: "ranked", room: "r1", player: "p1", token: token)
            switch situation {
            case "unknown": attempt.token = "AAAAAAAAAAAAAAAAAAAAAA"
            case "malformed": attempt.token = "not a token"
            case "otherPlayer": attempt.player = "p2"
            case "otherRoom": attempt.room = "r2"
            case "otherZone": attempt.zone = "other"
            case "expired": daemon.clock.advance(seconds: 30.001)
            case "expiredAndSwept":
                daemon.clock.advance(seconds: 31)
                daemon.service.reconnector.sweep()
            case "reused": #expect(try daemon.redeem("ranked", room: "r1", player: "p1", token: token).status == 200)
            case "roomClosed": #expect(try daemon.send("DELETE", "/v1/zones/ranked/rooms/r1", token: serverToken).status == 204)
            case "disabled": #expect(try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"reconnection_enabled": false}"#).status == 200)
            case "cancelled": #expect(try daemon.send("DELETE", "/v1/zones/ranked/rooms/r1/players/p1", token: serverToken).status == 204)
            case "superseded":
                #expect(try daemon.redeem("ranked", room: "r1", player: "p1", token: token).status == 200)
                _ = try daemon.tokenFor("ranked", room: "r1", player: "p1")
            default: Issue.record("unknown situation \(situation)")
            }
            let reply = try daemon.redeem(attempt.zone, room: attempt.room, player: attempt.player, token: attempt.token)
            #expect(reply.status == status)
            #expect(reply.code == code)
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_validation_failures_total", ["zone": attempt.zone, "reason": reason]) == 1)
            #expect(scrape.value("reconnection_validation_failures_total", ["zone": attempt.zone]) == 1)
            #expect(scrape.value("reconnection_completions_total", ["zone": "ranked"]) == (["reused", "superseded"].contains(situation) ? 1 : 0))
        }
    }

    @Test func justInsideTheWindowStillRedeems() throws {
        try withDaemon { daemon in
            let token = try daemon.tokenFor(room: "r1", player: "p1")
            daemon.clock.advance(seconds: 299.9)
            #expect(try daemon.redeem(room: "r1", player: "p1", token: token).status == 200)
        }
    }

    /// At least 60 s, and at least one more window, after the deadline (swept or not).
    @Test(arguments: [(10, 59.5), (100, 99.5)])
    func expiredTokenIsAnsweredAsExpiredForAWhileAfterTheDeadline(grace: Int, afterDeadline: Double) throws {
        try withDaemon { daemon in
            try daemon.putZone("short", #""grace_seconds": \#(grace)"#)
            let token = try daemon.tokenFor("short", room: "r1", player: "p1")
            daemon.clock.advance(seconds: Double(grace) + 0.5)
            daemon.service.reconnector.sweep()
            daemon.clock.advance(seconds: afterDeadline - 0.5)
            daemon.service.reconnector.sweep()
            let late = try daemon.redeem("short", room: "r1", player: "p1", token: token)
            #expect(late.status == 410)
            #expect(late.code == "token_expired")
        }
    }

    @Test func roomClosedTokensAnswerRoomNotFoundAgain() throws {
        try withDaemon { daemon in
            let token = try daemon.tokenFor(room: "r1", player: "p1")
            #expect(try daemon.send("DELETE", "/v1/zones/default/rooms/r1", token: serverToken).status == 204)
            for _ in 0..<2 {
                let reply = try daemon.redeem(room: "r1", player: "p1", token: token)
                #expect(reply.status == 404)
                #expect(reply.code == "room_not_found")
            }
        }
    }

    @Test func unknownZoneIsZoneNotFound() throws {
        try withDaemon { daemon in
            let token = try daemon.tokenFor(room: "r1", player: "p1")
            let reply = try daemon.redeem("nowhere", room: "r1", player: "p1", token: token)
            #expect(reply.status == 404)
            #expect(reply.code == "zone_not_found")
            #expect(try daemon.redeem(room: "r1", player: "p1", token: token).status == 200)
        }
    }

    @Test func redeemBodyIsValidated() throws {
        try withDaemon { daemon in
            let missing = try daemon.send("POST", "/v1/zones/default/reconnects", token: serverToken, json: #"{"room_id":"r1","player_id":"p1"}"#)
            #expect(missing.status == 400)
            #expect(missing.field == "token")
            let negative = try daemon.redeem(room: "r1", player: "p1", token: "x", lastSequence: -1)
            #expect(negative.status == 400)
            #expect(negative.field == "last_sequence")
        }
    }
}
