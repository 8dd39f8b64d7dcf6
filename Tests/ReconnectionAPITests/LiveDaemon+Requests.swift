import Testing

/// Shorthands for the requests most tests make, with the server token where a game server
/// would call.
extension LiveDaemon {
    /// `PUT /v1/zones/{zone}` with `settings` (a JSON object's members, without braces).
    @discardableResult
    func putZone(_ zone: String, _ settings: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> Reply {
        let reply = try send("PUT", "/v1/zones/\(zone)", json: "{\(settings)}", sourceLocation: sourceLocation)
        #expect([200, 201].contains(reply.status), "PUT \(zone): \(reply.text)", sourceLocation: sourceLocation)
        return reply
    }

    /// `POST /v1/zones/{zone}/disconnects`.
    func disconnect(
        _ zone: String = "default", room: String, player: String, phase: String? = nil, authority: Bool? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Reply {
        var members = [#""room_id":"\#(room)""#, #""player_id":"\#(player)""#]
        if let phase { members.append(#""phase":"\#(phase)""#) }
        if let authority { members.append(#""authority":\#(authority)"#) }
        return try send(
            "POST", "/v1/zones/\(zone)/disconnects", token: serverToken, json: "{\(members.joined(separator: ","))}",
            sourceLocation: sourceLocation)
    }

    /// A disconnect that must succeed; returns its token.
    func tokenFor(_ zone: String = "default", room: String, player: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let reply = try disconnect(zone, room: room, player: player, sourceLocation: sourceLocation)
        #expect(reply.status == 201, "disconnect: \(reply.text)", sourceLocation: sourceLocation)
        return reply.json["token"] as? String ?? ""
    }

    /// `POST /v1/zones/{zone}/reconnects`.
    func redeem(
        _ zone: String = "default", room: String, player: String, token: String, lastSequence: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Reply {
        var members = [#""room_id":"\#(room)""#, #""player_id":"\#(player)""#, #""token":"\#(token)""#]
        if let lastSequence { members.append(#""last_sequence":\#(lastSequence)"#) }
        return try send(
            "POST", "/v1/zones/\(zone)/reconnects", token: serverToken, json: "{\(members.joined(separator: ","))}",
            sourceLocation: sourceLocation)
    }

    /// `GET /metrics`, parsed.
    func scrape(sourceLocation: SourceLocation = #_sourceLocation) throws -> ScrapedMetrics {
        let reply = try send("GET", "/metrics", token: nil, sourceLocation: sourceLocation)
        #expect(reply.status == 200, sourceLocation: sourceLocation)
        return ScrapedMetrics(reply.text)
    }
}
