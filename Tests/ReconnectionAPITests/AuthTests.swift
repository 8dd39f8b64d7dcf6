import MicroHTTP
import Testing

/// The two bearer credentials of API.md: who may call what, and how a refusal reads.
@Suite struct AuthTests {
    @Test(arguments: [nil, "wrong-token", "admin-secre", "admin-secret-", ""])
    func missingOrWrongTokenIsUnauthorized(token: String?) throws {
        try withDaemon { daemon in
            for (method, path) in [("GET", "/v1/zones"), ("GET", "/v1/zones/default"), ("DELETE", "/v1/zones/default")] {
                let reply = try daemon.send(method, path, token: token)
                #expect(reply.status == 401, "\(method) \(path)")
                #expect(reply.code == "unauthorized")
                #expect(reply.headers["WWW-Authenticate"] == #"Bearer realm="reconnectd""#)
            }
            #expect(try daemon.send("GET", "/v1/zones/default").status == 200)
        }
    }

    @Test(arguments: ["Basic YWRtaW46YWRtaW4tc2VjcmV0", "admin-secret", "Bearer", "Token admin-secret"])
    func otherAuthorizationSchemesAreUnauthorized(header: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", "/v1/zones", token: nil, headers: ["Authorization": header])
            #expect(reply.status == 401)
            #expect(reply.code == "unauthorized")
            #expect(reply.headers["WWW-Authenticate"] == #"Bearer realm="reconnectd""#)
        }
    }

    @Test(arguments: ["Bearer admin-secret", "bearer admin-secret", "BEARER admin-secret", "Bearer  admin-secret"])
    func bearerSchemeIsCaseInsensitiveAndMaySpaceOut(header: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/ranked", token: nil, json: "{}", headers: ["Authorization": header])
            #expect(reply.status == 201, "\(header): \(reply.text)")
        }
    }

    @Test(arguments: [
        ("PUT", "/v1/zones/ranked", Optional(#"{"grace_seconds": 45}"#)), ("PATCH", "/v1/zones/default", #"{"grace_seconds": 45}"#),
        ("DELETE", "/v1/zones/default", nil), ("GET", "/v1/zones/default/history", nil),
    ])
    func serverTokenOnAdminOperationsIsForbidden(method: String, path: String, body: String?) throws {
        try withDaemon { daemon in
            let reply = try daemon.send(method, path, token: serverToken, json: body)
            #expect(reply.status == 403)
            #expect(reply.code == "forbidden")
            #expect(reply.headers["WWW-Authenticate"] == nil)
            let zone = try daemon.send("GET", "/v1/zones/default")
            #expect(zone.json["version"] as? Int == 1)
            #expect(zone.json["grace_seconds"] as? Int == 300)
        }
    }

    @Test func serverTokenReadsZonesAndSessionsAndCallsTheDataPlane() throws {
        try withDaemon { daemon in
            #expect(try daemon.send("GET", "/v1/zones", token: serverToken).status == 200)
            #expect(try daemon.send("GET", "/v1/zones/default", token: serverToken).status == 200)
            #expect(try daemon.send("HEAD", "/v1/zones/default", token: serverToken).status == 200)
            let first = try daemon.tokenFor(room: "r1", player: "p1")
            _ = try daemon.tokenFor(room: "r1", player: "p2")
            _ = try daemon.tokenFor(room: "r2", player: "p3")
            #expect(try daemon.send("GET", "/v1/zones/default/sessions", token: serverToken).status == 200)
            let events = try daemon.send("POST", "/v1/zones/default/rooms/r1/events", token: serverToken, json: #"{"type":"chat"}"#)
            #expect(events.status == 201)
            #expect(try daemon.redeem(room: "r1", player: "p1", token: first).status == 200)
            #expect(try daemon.send("DELETE", "/v1/zones/default/rooms/r1/players/p2", token: serverToken).status == 204)
            #expect(try daemon.send("DELETE", "/v1/zones/default/rooms/r2", token: serverToken).status == 204)
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "default", "reason": "cancelled"]) == 1)
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "default", "reason": "room_closed"]) == 1)
        }
    }

    @Test func adminTokenMayCallTheDataPlaneAndCancelsAsAdmin() throws {
        try withDaemon { daemon in
            let disconnect = try daemon.send(
                "POST", "/v1/zones/default/disconnects", token: adminToken, json: #"{"room_id":"r1","player_id":"p1"}"#)
            #expect(disconnect.status == 201)
            #expect(try daemon.send("GET", "/v1/zones/default/sessions", token: adminToken).status == 200)
            #expect(try daemon.send("DELETE", "/v1/zones/default/rooms/r1/players/p1", token: adminToken).status == 204)
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "default", "reason": "admin"]) == 1)
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "default", "reason": "cancelled"]) == 0)
        }
    }

    @Test(arguments: ["/healthz", "/livez", "/readyz", "/metrics"])
    func publicEndpointsNeedNoToken(path: String) throws {
        try withDaemon { daemon in
            let anonymous = try daemon.send("GET", path, token: nil)
            #expect(anonymous.status == 200)
            #expect(try daemon.send("GET", path, token: "wrong-token").status == 200)
        }
    }
}
