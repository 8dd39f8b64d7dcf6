import MicroHTTP

/// Before a run: the daemon answers, and the zone exists with a window longer than any drawn
/// delay and room for the players who will be away at once. Creates the zone when it is
/// missing and an admin token was given.
struct ZonePreflight {
    let settings: LoadSettings
    let adminToken: String?

    /// - Throws: ``LoadError`` naming what is wrong.
    func check(_ connection: HTTPClientConnection) throws {
        let path = "/v1/zones/\(settings.zone)"
        var zone = try get(connection, path)
        if zone.status == 404, let adminToken {
            let grace = min(86_400, max(300, Int((2 * settings.delay.maximum).rounded(.up))))
            let body = #"{"grace_seconds":\#(grace),"max_pending_sessions":\#(max(100_000, settings.players))}"#
            let created = try request(
                connection, "PUT", path, token: adminToken, extra: ["If-None-Match": "*", "Content-Type": "application/json"],
                body: body)
            guard created.status == 201 || created.status == 412 else {
                throw LoadError("creating zone \(settings.zone) answered HTTP \(created.status)")
            }
            zone = try get(connection, path)
        }
        guard zone.status == 200 else {
            throw LoadError(
                "zone \(settings.zone) answered HTTP \(zone.status)"
                    + (zone.status == 404 ? "; pass --admin-token to create it, or --zone default" : ""))
        }
        let text = String(decoding: zone.body, as: UTF8.self)
        if let grace = Self.integer("grace_seconds", in: text), Double(grace) <= settings.delay.maximum {
            throw LoadError("zone \(settings.zone) has a \(grace) s window; delays up to \(settings.delay.maximum) s would expire")
        }
        let awayAtOnce = Int((settings.disconnectFraction * Double(settings.players)).rounded(.up))
        if let limit = Self.integer("max_pending_sessions", in: text), limit < awayAtOnce {
            throw LoadError("zone \(settings.zone) holds at most \(limit) pending sessions; a wave needs \(awayAtOnce)")
        }
    }

    private func get(_ connection: HTTPClientConnection, _ path: String) throws -> HTTPClientResponse {
        try request(connection, "GET", path, token: settings.serverToken, extra: [:], body: "")
    }

    private func request(
        _ connection: HTTPClientConnection, _ method: String, _ path: String, token: String, extra: [String: String], body: String
    ) throws -> HTTPClientResponse {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        for (name, value) in extra { headers.append(name: name, value: value) }
        do {
            return try connection.send(method: method, path: path, headers: headers, body: Array(body.utf8))
        } catch {
            throw LoadError("cannot reach http://\(settings.host):\(settings.port): \(error)")
        }
    }

    /// The integer member `name` of a flat JSON object's text.
    private static func integer(_ name: String, in text: String) -> Int? {
        guard let range = text.range(of: #""\#(name)":"#) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
