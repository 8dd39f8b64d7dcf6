import Testing

/// `null` is a value of the wrong type wherever the schema does not allow it; only a merge
/// patch gives it a meaning (remove, or reset to the default).
@Suite struct NullMemberTests {
    @Test(arguments: [
        ("PUT", "/v1/zones/ranked", #"{"max_pending_sessions": null}"#, "max_pending_sessions"),
        ("PUT", "/v1/zones/ranked", #"{"phase_grace_seconds": {"lobby": null}}"#, "phase_grace_seconds.lobby"),
        ("POST", "/v1/zones/default/disconnects", #"{"room_id": "r", "player_id": "p", "authority": null}"#, "authority"),
        ("POST", "/v1/zones/default/reconnects", #"{"room_id": "r", "player_id": "p", "token": null}"#, "token"),
        ("POST", "/v1/zones/default/rooms/r/events", #"{"events": null}"#, "events"),
    ])
    func nullIsAWrongType(method: String, path: String, body: String, field: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send(method, path, token: adminToken, json: body)
            #expect(reply.status == 400)
            #expect(reply.code == "invalid_field")
            #expect(reply.field == field)
            #expect(try daemon.send("GET", "/v1/zones/ranked").status == 404)
        }
    }

    @Test func nullPayloadAndReadOnlyMembersAreAccepted() throws {
        try withDaemon { daemon in
            let events = try daemon.send("POST", "/v1/zones/default/rooms/r/events", json: #"{"type": "tick", "payload": null}"#)
            #expect(events.status == 201)
            let put = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"name": null, "version": null, "updated_at": 5}"#)
            #expect(put.status == 201)
        }
    }
}
