import Testing

/// `PATCH /v1/zones/{zone}`: JSON Merge Patch, and `?apply=pending` on PUT and PATCH.
@Suite struct ZonePatchTests {
    static let ranked = #""grace_seconds": 45, "phase_grace_seconds": {"lobby": 90, "between_rounds": 75}, "event_buffer_size": 10"#

    @Test(arguments: ["application/merge-patch+json", "application/json"])
    func patchChangesOnlyTheGivenFields(contentType: String) throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", Self.ranked)
            daemon.clock.advance(seconds: 1)
            let patched = try daemon.send(
                "PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 50, "phase_grace_seconds": {"match_point": 60}}"#,
                headers: ["Content-Type": contentType])
            #expect(patched.status == 200)
            #expect(patched.headers["ETag"] == #""2""#)
            let expected: [String: Any] = [
                "name": "ranked", "reconnection_enabled": true, "grace_seconds": 50,
                "phase_grace_seconds": ["lobby": 90, "between_rounds": 75, "match_point": 60], "event_buffer_size": 10,
                "max_pending_sessions": 100_000, "version": 2, "updated_at": daemon.now,
            ]
            #expect(sameJSON(patched.json, expected), "\(patched.text)")
            #expect(sameJSON(try daemon.send("GET", "/v1/zones/ranked").json, patched.json))
        }
    }

    @Test func nullRemovesAPhaseAndResetsATopLevelField() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", Self.ranked)
            let patched = try daemon.send(
                "PATCH", "/v1/zones/ranked", json: #"{"phase_grace_seconds": {"lobby": null}, "event_buffer_size": null}"#,
                headers: ["Content-Type": "application/merge-patch+json"])
            #expect(patched.status == 200)
            #expect(sameJSON(patched.json["phase_grace_seconds"] as? [String: Any] ?? [:], ["between_rounds": 75]))
            #expect(patched.json["event_buffer_size"] as? Int == 100)
            #expect(patched.json["grace_seconds"] as? Int == 45)
            let cleared = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"phase_grace_seconds": null}"#)
            #expect(sameJSON(cleared.json["phase_grace_seconds"] as? [String: Any] ?? ["x": 1], [:]))
            #expect(cleared.json["version"] as? Int == 3)
        }
    }

    @Test func emptyOrIdenticalPatchMakesNoNewVersion() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", Self.ranked)
            let empty = try daemon.send("PATCH", "/v1/zones/ranked", json: "{}")
            #expect(empty.status == 200)
            #expect(empty.headers["ETag"] == #""1""#)
            let same = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 45, "version": 9}"#)
            #expect(same.status == 200)
            #expect(same.json["version"] as? Int == 1)
        }
    }

    @Test func patchRejectsUnknownAndInvalidFieldsAndChangesNothing() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", Self.ranked)
            let unknown = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_second": 5}"#)
            #expect(unknown.status == 400)
            #expect(unknown.code == "unknown_field")
            #expect(unknown.field == "grace_second")
            let invalid = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"phase_grace_seconds": {"lobby": 86401}}"#)
            #expect(invalid.status == 400)
            #expect(invalid.code == "invalid_field")
            #expect(invalid.field == "phase_grace_seconds.lobby")
            let renamed = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"name": "other"}"#)
            #expect(renamed.code == "invalid_field")
            let wrongType = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["Content-Type": "text/plain"])
            #expect(wrongType.status == 415)
            #expect(try daemon.send("GET", "/v1/zones/ranked").json["version"] as? Int == 1)
        }
    }

    @Test func patchOnAnAbsentZoneIsNotFound() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#)
            #expect(reply.status == 404)
            #expect(reply.code == "zone_not_found")
            #expect(try daemon.send("GET", "/v1/zones/ranked").status == 404)
        }
    }

    @Test func applyPendingMovesDeadlinesOfPendingSessions() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 300"#)
            let start = daemon.clock.now()
            let first = try daemon.disconnect("ranked", room: "r1", player: "first")
            #expect(first.json["expires_at"] as? String == rfc3339(start.adding(seconds: 300)))
            // Without ?apply=pending a change is for later disconnects only.
            #expect(try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 200}"#).status == 200)
            #expect(try expiry(of: "first", in: daemon) == rfc3339(start.adding(seconds: 300)))
            let second = try daemon.disconnect("ranked", room: "r2", player: "second")
            #expect(second.json["expires_at"] as? String == rfc3339(start.adding(seconds: 200)))

            let patch = try daemon.send("PATCH", "/v1/zones/ranked?apply=pending", json: #"{"grace_seconds": 10}"#)
            #expect(patch.status == 200)
            #expect(try expiry(of: "first", in: daemon) == rfc3339(start.adding(seconds: 10)))
            #expect(try expiry(of: "second", in: daemon) == rfc3339(start.adding(seconds: 10)))
            daemon.clock.advance(seconds: 11)
            daemon.service.reconnector.sweep()
            let late = try daemon.redeem("ranked", room: "r1", player: "first", token: first.json["token"] as? String ?? "")
            #expect(late.status == 410)
            #expect(late.code == "token_expired")
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_expirations_total", ["zone": "ranked"]) == 2)
            #expect(scrape.value("reconnection_sessions_active", ["zone": "ranked"]) == 0)
        }
    }

    @Test func applyPendingWorksOnPutToo() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 300, "phase_grace_seconds": {"lobby": 120}"#)
            let pending = try daemon.disconnect("ranked", room: "r1", player: "p1", phase: "lobby")
            #expect(pending.json["phase"] as? String == "lobby")
            #expect(pending.json["grace_seconds"] as? Int == 120)
            let put = try daemon.send(
                "PUT", "/v1/zones/ranked?apply=pending", json: #"{"grace_seconds": 300, "phase_grace_seconds": {"lobby": 30}}"#)
            #expect(put.status == 200)
            #expect(try expiry(of: "p1", in: daemon) == rfc3339(daemon.clock.now().adding(seconds: 30)))
            let bad = try daemon.send("PUT", "/v1/zones/ranked?apply=all", json: "{}")
            #expect(bad.status == 400)
            #expect(bad.field == "apply")
        }
    }

    /// The `expires_at` of a player's pending session in zone `ranked`, from the listing.
    private func expiry(of player: String, in daemon: LiveDaemon) throws -> String? {
        let sessions = try daemon.send("GET", "/v1/zones/ranked/sessions").json["sessions"] as? [[String: Any]] ?? []
        return sessions.first { $0["player_id"] as? String == player }?["expires_at"] as? String
    }
}
