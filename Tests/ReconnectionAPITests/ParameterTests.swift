import MicroHTTP
import Testing

/// Step 4 of openapi.yaml's request order: path names, query parameters and If-None-Match are
/// checked before any body, and nothing unknown is silently ignored.
@Suite struct ParameterTests {
    @Test(arguments: [
        ("PATCH", "/v1/zones/default?aply=pending", "aply"), ("GET", "/v1/zones?limit=5", "limit"),
        ("GET", "/v1/zones/default/sessions?rom=r1", "rom"), ("DELETE", "/v1/zones/default?apply=pending", "apply"),
    ])
    func unknownQueryParameterIsRefused(method: String, path: String, field: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send(method, path, json: method == "PATCH" ? #"{"grace_seconds": 10}"# : nil)
            #expect(reply.status == 400)
            #expect(reply.code == "unknown_field")
            #expect(reply.field == field)
            #expect(try daemon.send("GET", "/v1/zones/default").json["grace_seconds"] as? Int == 300)
        }
    }

    @Test(arguments: [
        ("/v1/zones/default/sessions?limit=5&limit=6", "limit"), ("/v1/zones/default/sessions?room=", "room"),
        ("/v1/zones/default/sessions?limit=+5", "limit"), ("/v1/zones/default/history?limit=0", "limit"),
        ("/v1/zones/default/sessions?cursor=nope", "cursor"), ("/v1/zones/default/sessions?room=a%20b", "room"),
    ])
    func badQueryValueNamesTheParameter(path: String, field: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("GET", path)
            #expect(reply.status == 400)
            #expect(reply.code == "invalid_field")
            #expect(reply.field == field)
        }
    }

    @Test(arguments: [
        ("GET", "/v1/zones/Ranked", "zone"), ("POST", "/v1/zones/bad!/disconnects", "zone"),
        ("POST", "/v1/zones/default/rooms/r%201/events", "room"),
        ("DELETE", "/v1/zones/default/rooms/r1/players/p%21", "player"),
    ])
    func badPathNameIsInvalidBeforeTheBodyIsRead(method: String, path: String, field: String) throws {
        try withDaemon { daemon in
            // The body is not even JSON: the path is judged first.
            let reply = try daemon.send(method, path, json: method == "POST" ? "not json" : nil)
            #expect(reply.status == 400)
            #expect(reply.code == "invalid_field")
            #expect(reply.field == field)
        }
    }

    @Test func ifNoneMatchOtherThanStarIsInvalid() throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/ranked", json: "{}", headers: ["If-None-Match": #""1""#])
            #expect(reply.status == 400)
            #expect(reply.field == "If-None-Match")
            #expect(try daemon.send("GET", "/v1/zones/ranked").status == 404)
        }
    }

    @Test(arguments: [("application/json; charset=utf-8", 200), ("Application/JSON;Charset=UTF-8", 200),
                      ("application/json; charset=latin1", 415), ("application/json; boundary=x", 415), ("text/plain", 415)])
    func onlyTheUTF8CharsetParameterIsAccepted(contentType: String, status: Int) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/default", json: #"{"grace_seconds": 10}"#, headers: ["Content-Type": contentType])
            #expect(reply.status == status)
        }
    }

    @Test(arguments: ["45", "45.0", "4.5e1", "450e-1"])
    func wholeNumbersInAnyNotationAreIntegers(number: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"grace_seconds": \#(number)}"#)
            #expect(reply.status == 201)
            #expect(reply.json["grace_seconds"] as? Int == 45)
        }
    }

    @Test(arguments: ["45.5", "1e400", "9007199254740993.0"])
    func fractionsAndHugeNumbersAreInvalid(number: String) throws {
        try withDaemon { daemon in
            let reply = try daemon.send("PUT", "/v1/zones/ranked", json: #"{"max_pending_sessions": \#(number)}"#)
            #expect(reply.status == 400)
            #expect(reply.field == "max_pending_sessions")
        }
    }

    @Test func operationalEndpointsIgnoreTheQuery() throws {
        try withDaemon { daemon in
            let health = try daemon.send("GET", "/healthz?probe=1")
            let metrics = try daemon.send("GET", "/metrics?x=y")
            #expect(health.status == 200)
            #expect(metrics.status == 200)
        }
    }
}
