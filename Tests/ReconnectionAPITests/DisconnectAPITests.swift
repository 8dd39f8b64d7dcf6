import Testing

/// `POST /v1/zones/{zone}/disconnects`: the token, its window, and the refusals.
@Suite struct DisconnectAPITests {
    @Test func disconnectIssuesATokenForTheBaseWindow() throws {
        try withDaemon { daemon in
            let reply = try daemon.disconnect(room: "r-1842", player: "p-77")
            #expect(reply.status == 201)
            #expect(reply.contentType == "application/json")
            let body = reply.json
            #expect(Set(body.keys) == [
                "token", "zone", "room_id", "player_id", "phase", "grace_seconds", "disconnected_at", "expires_at", "last_sequence",
            ])
            let token = body["token"] as? String ?? ""
            #expect(token.count == 22)
            #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "\(token)")
            #expect(body["zone"] as? String == "default")
            #expect(body["room_id"] as? String == "r-1842")
            #expect(body["player_id"] as? String == "p-77")
            #expect(body["phase"] as? String == "default")
            #expect(body["grace_seconds"] as? Int == 300)
            #expect(body["disconnected_at"] as? String == daemon.now)
            #expect(body["expires_at"] as? String == rfc3339(daemon.clock.now().adding(seconds: 300)))
            #expect(body["last_sequence"] as? Int == 0)
            let other = try daemon.tokenFor(room: "r-1842", player: "p-78")
            #expect(other != token)
        }
    }

    @Test func phaseWindowAppliesWhenTheZoneConfiguresIt() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked-5v5", #""grace_seconds": 45, "phase_grace_seconds": {"lobby": 90, "match_point": 60}"#)
            let lobby = try daemon.disconnect("ranked-5v5", room: "r1", player: "p1", phase: "lobby", authority: true)
            #expect(lobby.status == 201)
            #expect(lobby.json["phase"] as? String == "lobby")
            #expect(lobby.json["grace_seconds"] as? Int == 90)
            #expect(lobby.json["expires_at"] as? String == rfc3339(daemon.clock.now().adding(seconds: 90)))
            let unknown = try daemon.disconnect("ranked-5v5", room: "r1", player: "p2", phase: "mid_round")
            #expect(unknown.json["phase"] as? String == "default")
            #expect(unknown.json["grace_seconds"] as? Int == 45)
            #expect(unknown.json["expires_at"] as? String == rfc3339(daemon.clock.now().adding(seconds: 45)))
            let badPhase = try daemon.disconnect("ranked-5v5", room: "r1", player: "p3", phase: "Mid Round")
            #expect(badPhase.status == 400)
            #expect(badPhase.field == "phase")
        }
    }

    @Test func lastSequenceIsTheRoomsNewestEvent() throws {
        try withDaemon { daemon in
            let events = try daemon.send(
                "POST", "/v1/zones/default/rooms/r1/events", token: serverToken,
                json: #"{"events": [{"type": "a"}, {"type": "b"}, {"type": "c"}]}"#)
            #expect(events.status == 201)
            let reply = try daemon.disconnect(room: "r1", player: "p1")
            #expect(reply.json["last_sequence"] as? Int == 3)
            #expect(try daemon.disconnect(room: "r2", player: "p1").json["last_sequence"] as? Int == 0)
        }
    }

    @Test func unknownZoneIsZoneNotFound() throws {
        try withDaemon { daemon in
            let reply = try daemon.disconnect("nowhere", room: "r1", player: "p1")
            #expect(reply.status == 404)
            #expect(reply.code == "zone_not_found")
        }
    }

    @Test func disabledZoneRefusesDisconnects() throws {
        try withDaemon { daemon in
            try daemon.putZone("off", #""reconnection_enabled": false"#)
            let reply = try daemon.disconnect("off", room: "r1", player: "p1")
            #expect(reply.status == 409)
            #expect(reply.code == "reconnection_disabled")
            #expect(try daemon.scrape().value("reconnection_tokens_issued_total", ["zone": "off"]) == 0)
        }
    }

    @Test func fullZoneAnswersUnavailableWithRetryAfter() throws {
        try withDaemon { daemon in
            try daemon.putZone("tiny", #""max_pending_sessions": 1"#)
            let first = try daemon.tokenFor("tiny", room: "r1", player: "p1")
            let full = try daemon.disconnect("tiny", room: "r1", player: "p2")
            #expect(full.status == 503)
            #expect(full.code == "zone_full")
            let retryAfter = Int(full.headers["Retry-After"] ?? "")
            #expect(retryAfter.map { $0 >= 1 } == true, "Retry-After: \(full.headers["Retry-After"] ?? "none")")
            // A rotation of the pending player does not need a new slot.
            #expect(try daemon.disconnect("tiny", room: "r1", player: "p1").status == 201)
            #expect(try daemon.redeem("tiny", room: "r1", player: "p1", token: first).code == "token_invalid")
            #expect(try daemon.send("DELETE", "/v1/zones/tiny/rooms/r1/players/p1", token: serverToken).status == 204)
            #expect(try daemon.disconnect("tiny", room: "r1", player: "p2").status == 201)
        }
    }

    @Test func secondDisconnectRotatesTheToken() throws {
        try withDaemon { daemon in
            let old = try daemon.tokenFor(room: "r1", player: "p1")
            let new = try daemon.tokenFor(room: "r1", player: "p1")
            #expect(old != new)
            let stale = try daemon.redeem(room: "r1", player: "p1", token: old)
            #expect(stale.status == 403)
            #expect(stale.code == "token_invalid")
            #expect(try daemon.redeem(room: "r1", player: "p1", token: new).status == 200)
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "default", "reason": "token_rotated"]) == 1)
            #expect(scrape.value("reconnection_validation_failures_total", ["zone": "default", "reason": "rotated"]) == 1)
            #expect(scrape.value("reconnection_tokens_issued_total", ["zone": "default"]) == 2)
        }
    }
}
