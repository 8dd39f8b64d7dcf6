import MicroHTTP
import Testing

/// The conventions of API.md that every route shares: problem documents, 404/405, body
/// checks, HEAD. (`Cache-Control: no-store` and the problem shape are checked on every reply
/// by ``LiveDaemon/send(_:_:token:json:headers:sourceLocation:)``.)
@Suite struct ConventionsTests {
    @Test(arguments: ["/v1/nothing", "/v1/zones/default/nothing", "/v2/zones", "/", "/v1/zones/default/rooms/r1/players"])
    func unknownPathIsNotFound(path: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", path)
            #expect(reply.status == 404)
            #expect(reply.code == "not_found")
        }
    }

    @Test(arguments: [
        ("POST", "/healthz", "GET, HEAD"), ("DELETE", "/v1/zones", "GET, HEAD"),
        ("POST", "/v1/zones/default", "GET, HEAD, PUT, PATCH, DELETE"), ("GET", "/v1/zones/default/disconnects", "POST"),
        ("PUT", "/v1/zones/default/rooms/r1", "DELETE"), ("TRACE", "/v1/zones/default/sessions", "GET, HEAD"),
    ])
    func wrongMethodIsNotAllowedWithAllow(method: String, path: String, allow: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send(method, path, json: method == "GET" || method == "TRACE" ? nil : "{}")
            #expect(reply.status == 405)
            #expect(reply.code == "method_not_allowed")
            #expect(reply.headers["Allow"] == allow)
        }
    }

    @Test(arguments: ["{", #"{"grace_seconds": }"#, "[1,", "nul", #"{"a":1}x"#])
    func malformedJSONIsRejected(body: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/ranked", json: body)
            #expect(reply.status == 400)
            #expect(reply.code == "malformed_json")
            #expect(try daemon.send("GET", "/v1/zones/ranked").status == 404)
        }
    }

    @Test func unknownFieldIsRejectedNamingIt() throws {
        try withDaemon { daemon in
            let put = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_second": 45}"#)
            #expect(put.status == 400)
            #expect(put.code == "unknown_field")
            #expect(put.field == "grace_second")
            #expect((put.json["detail"] as? String ?? "").contains("grace_second"))
            let disconnect = try daemon.send(
                "POST", "/v1/zones/default/disconnects", json: #"{"room_id":"r1","player_id":"p1","phaze":"lobby"}"#)
            #expect(disconnect.status == 400)
            #expect(disconnect.code == "unknown_field")
            #expect(disconnect.field == "phaze")
        }
    }

    @Test(arguments: [
        (#"{"grace_seconds": "45"}"#, "grace_seconds"), (#"{"grace_seconds": 0}"#, "grace_seconds"),
        (#"{"grace_seconds": 86401}"#, "grace_seconds"), (#"{"grace_seconds": 4.5}"#, "grace_seconds"),
        (#"{"reconnection_enabled": "yes"}"#, "reconnection_enabled"), (#"{"event_buffer_size": -1}"#, "event_buffer_size"),
        (#"{"max_pending_sessions": 0}"#, "max_pending_sessions"), (#"{"phase_grace_seconds": {"lobby": 0}}"#, "phase_grace_seconds.lobby"),
        (#"{"phase_grace_seconds": []}"#, "phase_grace_seconds"),
    ])
    func wrongTypeOrRangeIsInvalidFieldNamingIt(body: String, field: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/ranked", json: body)
            #expect(reply.status == 400)
            #expect(reply.code == "invalid_field")
            #expect(reply.field == field)
            #expect((reply.json["detail"] as? String ?? "").contains(field))
        }
    }

    @Test func dataPlaneFieldsAreValidatedToo() throws {
        try withDaemon { daemon in
            let badRoom = try daemon.disconnect(room: "r 1", player: "p1")
            #expect(badRoom.status == 400)
            #expect(badRoom.code == "invalid_field")
            #expect(badRoom.field == "room_id")
            let missing = try daemon.send("POST", "/v1/zones/default/disconnects", token: serverToken, json: #"{"room_id":"r1"}"#)
            #expect(missing.status == 400)
            #expect(missing.field == "player_id")
            let notObject = try daemon.send("POST", "/v1/zones/default/disconnects", token: serverToken, json: "[]")
            #expect(notObject.status == 400)
            #expect(notObject.code == "invalid_field")
        }
    }

    @Test(arguments: [Optional("text/plain"), "application/x-www-form-urlencoded", nil])
    func wrongContentTypeIsUnsupported(contentType: String?) throws {
        try withDaemon { daemon in
            let headers: HTTPHeaders = contentType.map { ["Content-Type": $0] } ?? [:]
            let reply = try daemon.client.send(
                method: "POST", path: "/v1/zones/default/disconnects",
                headers: headers.appending("Authorization", "Bearer \(serverToken)"),
                body: Array(#"{"room_id":"r1","player_id":"p1"}"#.utf8))
            #expect(reply.status == 415)
            #expect(Reply(reply).code == "unsupported_media_type")
            #expect(reply.headers["Cache-Control"] == "no-store")
        }
    }

    @Test func jsonWithCharsetParameterIsAccepted() throws {
        try withDaemon { daemon in
            let reply = try daemon.send(
                "PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 45}"#,
                headers: ["Content-Type": "application/json; charset=utf-8"])
            #expect(reply.status == 201)
        }
    }

    @Test func bodyOverTheLimitIsTooLarge() throws {
        try withDaemon(maxBodyBytes: 1024) { daemon in
            let padding = String(repeating: " ", count: 2000)
            let reply = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 45\#(padding)}"#)
            #expect(reply.status == 413)
            #expect(reply.code == "body_too_large")
            let chunked = try daemon.send(
                "PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 45\#(padding)}"#,
                headers: ["Content-Type": "application/json", "Transfer-Encoding": "chunked"])
            #expect(chunked.status == 413)
            #expect(chunked.code == "body_too_large")
            let small = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": 45}"#)
            #expect(small.status == 201)
        }
    }

    @Test func headOnAGetRouteAnswersLikeGetWithoutBody() throws {
        try withDaemon { daemon in
            let get = try daemon.send("GET", "/v1/zones/default")
            let head = try daemon.send("HEAD", "/v1/zones/default")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["ETag"] == get.headers["ETag"])
            #expect(head.contentType == "application/json")
            let health = try daemon.send("HEAD", "/healthz", token: nil)
            #expect(health.status == 200)
            #expect(try daemon.send("HEAD", "/v1/zones/default", token: nil).status == 401)
        }
    }
}

extension HTTPHeaders {
    /// These headers and one more.
    func appending(_ name: String, _ value: String) -> HTTPHeaders {
        var copy = self
        copy.append(name: name, value: value)
        return copy
    }
}
