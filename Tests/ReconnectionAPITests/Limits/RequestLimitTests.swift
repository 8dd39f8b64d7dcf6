import MicroHTTP
import Testing

/// Limits checked before a handler runs, answered with problem documents and counted.
@Suite struct RequestLimitTests {
    @Test func aHeadOverTheLimitIs431AndCounted() throws {
        try withDaemon(configure: { _, http in http.maxHeaderBytes = 2048 }) { daemon in
            let reply = try daemon.send("GET", "/v1/zones", headers: ["X-Padding": String(repeating: "x", count: 4096)])
            #expect(reply.status == 431)
            #expect(reply.code == "headers_too_large")
            let fresh = HTTPClientConnection(host: "127.0.0.1", port: daemon.daemon.port)
            defer { fresh.close() }
            let metrics = ScrapedMetrics(String(decoding: try fresh.send(method: "GET", path: "/metrics").body, as: UTF8.self))
            #expect(metrics.value("reconnection_http_rejections_total", ["reason": "headers_too_large"]) == 1)
        }
    }

    @Test func jsonDeeperThanTheLimitIsMalformed() throws {
        try withDaemon(configure: { service, _ in service.maxJSONDepth = 4 }) { daemon in
            let shallow = #"{"type": "t", "payload": {"a": {"b": 1}}}"#
            let deep = #"{"type": "t", "payload": {"a": {"b": {"c": {"d": 1}}}}}"#
            #expect(try daemon.send("POST", "/v1/zones/default/rooms/r/events", json: shallow).status == 201)
            let reply = try daemon.send("POST", "/v1/zones/default/rooms/r/events", json: deep)
            #expect(reply.status == 400)
            #expect(reply.code == "malformed_json")
        }
    }
}
