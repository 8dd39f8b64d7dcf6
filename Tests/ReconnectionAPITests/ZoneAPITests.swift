import Testing

/// Reading, creating, replacing and deleting zones over HTTP, with ETags and preconditions.
@Suite struct ZoneAPITests {
    @Test func defaultZoneExistsOnFirstStart() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/v1/zones/default")
            #expect(reply.status == 200)
            #expect(reply.headers["ETag"] == #""1""#)
            let expected: [String: Any] = [
                "name": "default", "reconnection_enabled": true, "grace_seconds": 300, "phase_grace_seconds": [String: Any](),
                "event_buffer_size": 100, "max_pending_sessions": 100_000, "version": 1, "updated_at": daemon.now,
            ]
            #expect(sameJSON(reply.json, expected), "\(reply.text)")
        }
    }

    @Test func listIsSortedByName() throws {
        try withDaemon { daemon in
            try daemon.putZone("zeta")
            try daemon.putZone("alpha", #""grace_seconds": 10"#)
            try daemon.putZone("m.2-x_y")
            let reply = try daemon.send("GET", "/v1/zones")
            #expect(reply.status == 200)
            let zones = reply.json["zones"] as? [[String: Any]] ?? []
            #expect(zones.compactMap { $0["name"] as? String } == ["alpha", "default", "m.2-x_y", "zeta"])
            #expect(zones.first?["grace_seconds"] as? Int == 10)
        }
    }

    @Test func unknownZoneIsZoneNotFound() throws {
        try withDaemon { daemon in
            for method in ["GET", "PATCH", "DELETE"] {
                let reply = try daemon.send(method, "/v1/zones/nowhere", json: method == "PATCH" ? "{}" : nil)
                #expect(reply.status == 404, "\(method)")
                #expect(reply.code == "zone_not_found")
            }
        }
    }

    @Test func putCreatesThenReplacesAndAnswersWhatGetShows() throws {
        try withDaemon { daemon in
            let created = try daemon.send(
                "PUT", "/v1/zones/ranked-5v5",
                json: #"{"grace_seconds": 45, "phase_grace_seconds": {"lobby": 90, "match_point": 60}, "max_pending_sessions": 500}"#)
            #expect(created.status == 201)
            #expect(created.headers["Location"] == "/v1/zones/ranked-5v5")
            #expect(created.headers["ETag"] == #""1""#)
            let expected: [String: Any] = [
                "name": "ranked-5v5", "reconnection_enabled": true, "grace_seconds": 45,
                "phase_grace_seconds": ["lobby": 90, "match_point": 60], "event_buffer_size": 100,
                "max_pending_sessions": 500, "version": 1, "updated_at": daemon.now,
            ]
            #expect(sameJSON(created.json, expected), "\(created.text)")
            #expect(sameJSON(try daemon.send("GET", "/v1/zones/ranked-5v5").json, created.json))

            daemon.clock.advance(seconds: 2.5)
            let replaced = try daemon.send("PUT", "/v1/zones/ranked-5v5", json: #"{"grace_seconds": 30}"#)
            #expect(replaced.status == 200)
            #expect(replaced.headers["Location"] == nil)
            #expect(replaced.headers["ETag"] == #""2""#)
            #expect(replaced.json["version"] as? Int == 2)
            #expect(replaced.json["updated_at"] as? String == daemon.now)
            // Omitted fields take defaults on PUT: the phases and the limit are gone.
            #expect(sameJSON(replaced.json["phase_grace_seconds"] as? [String: Any] ?? ["x": 1], [:]))
            #expect(replaced.json["max_pending_sessions"] as? Int == 100_000)
            let read = try daemon.send("GET", "/v1/zones/ranked-5v5")
            #expect(sameJSON(read.json, replaced.json))
            #expect(read.headers["ETag"] == #""2""#)
        }
    }

    @Test func getOutputPutBackIsAcceptedUnchanged() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 45, "phase_grace_seconds": {"lobby": 90}, "reconnection_enabled": false"#)
            let original = try daemon.send("GET", "/v1/zones/ranked")
            daemon.clock.advance(seconds: 5)
            let put = try daemon.send("PUT", "/v1/zones/ranked", json: original.text)
            #expect(put.status == 200)
            #expect(put.headers["ETag"] == #""1""#)
            #expect(sameJSON(put.json, original.json), "\(put.text)")
            // Identical settings make no new version and no history entry.
            let history = try daemon.send("GET", "/v1/zones/ranked/history")
            #expect((history.json["changes"] as? [Any])?.count == 1)
            let defaultZone = try daemon.send("GET", "/v1/zones/default")
            #expect(try daemon.send("PUT", "/v1/zones/default", json: defaultZone.text).json["version"] as? Int == 1)
        }
    }

    @Test func readOnlyFieldsAreIgnoredButANameMismatchIsInvalid() throws {
        try withDaemon { daemon in
            let ignored = try daemon.send(
                "PUT", "/v1/zones/ranked", json: #"{"name": "ranked", "version": 42, "updated_at": "2000-01-01T00:00:00.000Z"}"#)
            #expect(ignored.status == 201)
            #expect(ignored.json["version"] as? Int == 1)
            #expect(ignored.json["updated_at"] as? String == daemon.now)
            let mismatch = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"name": "casual", "grace_seconds": 5}"#)
            #expect(mismatch.status == 400)
            #expect(mismatch.code == "invalid_field")
            #expect(mismatch.field == "name")
            #expect(try daemon.send("GET", "/v1/zones/ranked").json["grace_seconds"] as? Int == 300)
            #expect(try daemon.send("GET", "/v1/zones/casual").status == 404)
        }
    }

    @Test func ifMatchGuardsChanges() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked")
            let stale = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["If-Match": #""7""#])
            #expect(stale.status == 412)
            #expect(stale.code == "version_conflict")
            let stalePatch = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["If-Match": #""2""#])
            #expect(stalePatch.status == 412)
            #expect(stalePatch.code == "version_conflict")
            let staleDelete = try daemon.send("DELETE", "/v1/zones/ranked", headers: ["If-Match": #""3""#])
            #expect(staleDelete.status == 412)
            #expect(staleDelete.code == "version_conflict")
            #expect(try daemon.send("GET", "/v1/zones/ranked").json["grace_seconds"] as? Int == 300)

            let matched = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["If-Match": #""1""#])
            #expect(matched.status == 200)
            #expect(matched.headers["ETag"] == #""2""#)
            let patched = try daemon.send("PATCH", "/v1/zones/ranked", json: #"{"grace_seconds": 6}"#, headers: ["If-Match": #""2""#])
            #expect(patched.status == 200)
            #expect(patched.headers["ETag"] == #""3""#)
            #expect(try daemon.send("DELETE", "/v1/zones/ranked", headers: ["If-Match": #""3""#]).status == 204)
        }
    }

    @Test func ifMatchStarNeedsTheZoneAndWeakTagsNeverMatch() throws {
        try withDaemon { daemon in
            let absent = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 45}"#, headers: ["If-Match": "*"])
            #expect(absent.status == 412)
            #expect(absent.code == "version_conflict")
            #expect(try daemon.send("GET", "/v1/zones/ranked").status == 404)
            try daemon.putZone("ranked")
            let weak = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["If-Match": #"W/"1""#])
            #expect(weak.status == 412)
            #expect(weak.code == "version_conflict")
            let any = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["If-Match": "*"])
            #expect(any.status == 200)
            #expect(any.headers["ETag"] == #""2""#)
        }
    }

    @Test func ifNoneMatchStarCreatesOnlyWhenAbsent() throws {
        try withDaemon { daemon in
            let created = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 45}"#, headers: ["If-None-Match": "*"])
            #expect(created.status == 201)
            let again = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 5}"#, headers: ["If-None-Match": "*"])
            #expect(again.status == 412)
            #expect(again.code == "zone_exists")
            #expect(try daemon.send("GET", "/v1/zones/ranked").json["grace_seconds"] as? Int == 45)
        }
    }

    @Test func deleteRemovesTheZoneAndItsSeries() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked")
            let deleted = try daemon.send("DELETE", "/v1/zones/ranked")
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            #expect(try daemon.send("GET", "/v1/zones/ranked").code == "zone_not_found")
            let again = try daemon.send("DELETE", "/v1/zones/ranked")
            #expect(again.status == 404)
            #expect(again.code == "zone_not_found")
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_zone_config_version", ["zone": "ranked"]) == nil)
            #expect(scrape.value("reconnection_zone_config_version", ["zone": "default"]) == 1)
        }
    }

    @Test func deleteWithPendingSessionsNeedsForce() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked")
            let token = try daemon.tokenFor("ranked", room: "r1", player: "p1")
            let refused = try daemon.send("DELETE", "/v1/zones/ranked")
            #expect(refused.status == 409)
            #expect(refused.code == "zone_has_pending_sessions")
            #expect(try daemon.send("GET", "/v1/zones/ranked").status == 200)
            let bad = try daemon.send("DELETE", "/v1/zones/ranked?force=yes")
            #expect(bad.status == 400)
            #expect(bad.field == "force")
            #expect(try daemon.send("DELETE", "/v1/zones/ranked?force=true").status == 204)
            let late = try daemon.redeem("ranked", room: "r1", player: "p1", token: token)
            #expect(late.status == 404)
            #expect(late.code == "zone_not_found")
            try daemon.putZone("ranked")
            let recreated = try daemon.redeem("ranked", room: "r1", player: "p1", token: token)
            #expect(recreated.status == 403)
            #expect(recreated.code == "token_invalid")
        }
    }
}
