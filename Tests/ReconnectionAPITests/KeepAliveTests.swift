import MicroHTTP
import Testing

/// Requests of every kind, answers and refusals alike, share one persistent connection.
@Suite struct KeepAliveTests {
    @Test func manyRequestsShareOneConnection() throws {
        try withDaemon { daemon in
            let client = HTTPClientConnection(host: "127.0.0.1", port: daemon.daemon.port, timeout: .seconds(30))
            defer { client.close() }
            let admin: HTTPHeaders = ["Authorization": "Bearer \(adminToken)", "Content-Type": "application/json"]
            let server: HTTPHeaders = ["Authorization": "Bearer \(serverToken)", "Content-Type": "application/json"]
            let disconnect = Array(#"{"room_id":"r1","player_id":"p1"}"#.utf8)
            let exchanges: [(String, String, HTTPHeaders, [UInt8], Int)] = [
                ("GET", "/healthz", [:], [], 200),
                ("GET", "/v1/zones", admin, [], 200),
                ("PUT", "/v1/zones/ranked", admin, Array(#"{"grace_seconds": 45}"#.utf8), 201),
                ("PATCH", "/v1/zones/ranked", admin, Array(#"{"grace_seconds": 50}"#.utf8), 200),
                ("HEAD", "/v1/zones/ranked", admin, [], 200),
                ("POST", "/v1/zones/ranked/disconnects", server, disconnect, 201),
                ("POST", "/v1/zones/ranked/rooms/r1/events", server, Array(#"{"type":"chat"}"#.utf8), 201),
                ("GET", "/v1/zones/ranked/sessions", server, [], 200),
                ("GET", "/v1/zones/missing", admin, [], 404),
                ("GET", "/v1/zones", [:], [], 401),
                ("DELETE", "/v1/zones/ranked", server, [], 403),
                ("PUT", "/v1/zones/ranked", admin, Array("{".utf8), 400),
                ("POST", "/healthz", [:], [], 405),
                ("DELETE", "/v1/zones/ranked/rooms/r1", server, [], 204),
                ("GET", "/metrics", [:], [], 200),
                ("DELETE", "/v1/zones/ranked", admin, [], 204),
                ("GET", "/livez", [:], [], 200),
            ]
            for (method, path, headers, body, status) in exchanges {
                let response = try client.send(method: method, path: path, headers: headers, body: body)
                #expect(response.status == status, "\(method) \(path)")
                #expect(!response.asksToClose, "\(method) \(path) answered Connection: close")
                #expect(!client.serverAskedToClose, "\(method) \(path)")
            }
            #expect(client.connectionsOpened == 1)
        }
    }
}
