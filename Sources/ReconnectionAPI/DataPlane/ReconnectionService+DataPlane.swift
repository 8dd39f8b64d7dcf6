import MicroHTTP
import ReconnectionCore

/// The data plane routes: disconnects, reconnects, room events and the pending-session list.
extension ReconnectionService {
    func disconnect(_ request: HTTPRequest, zone: String) throws -> HTTPResponse {
        let body = try FieldReader(jsonBody(of: request), allowed: ["room_id", "player_id", "phase", "authority"])
        let receipt = try core.disconnect(
            zone: zone, room: body.requiredString("room_id"), player: body.requiredString("player_id"),
            phase: body.string("phase"), authority: body.bool("authority") ?? false)
        var json = JSONWriter()
        json.object { json in
            json.member("token", receipt.token.text)
            json.member("zone", receipt.zone)
            json.member("room_id", receipt.room)
            json.member("player_id", receipt.player)
            json.member("phase", receipt.phase)
            json.member("grace_seconds", receipt.graceSeconds)
            json.member("disconnected_at", receipt.disconnectedAt.rfc3339)
            json.member("expires_at", receipt.expiresAt.rfc3339)
            json.member("last_sequence", receipt.lastSequence)
        }
        return .json(status: 201, json.bytes)
    }

    func reconnect(_ request: HTTPRequest, zone: String) throws -> HTTPResponse {
        let body = try FieldReader(jsonBody(of: request), allowed: ["room_id", "player_id", "token", "last_sequence"])
        let (room, player) = (try body.requiredString("room_id"), try body.requiredString("player_id"))
        let reconnection: Reconnection
        do {
            reconnection = try core.redeem(
                zone: zone, room: room, player: player, token: body.requiredString("token"),
                lastSequence: body.integer("last_sequence", in: 0...Int64.max).map { UInt64($0) })
        } catch ReconnectionError.tokenRejected(let reason) where reason.problem.code == .tokenInvalid {
            try throttleFailure(request, zone: zone, room: room, player: player)
            throw ReconnectionError.tokenRejected(reason)
        }
        var json = JSONWriter(capacity: 256 + reconnection.replay.events.reduce(0) { $0 + 64 + $1.payload.count })
        json.object { json in
            json.member("zone", reconnection.zone)
            json.member("room_id", reconnection.room)
            json.member("player_id", reconnection.player)
            json.member("authority", reconnection.authority)
            json.key("disconnected_seconds")
            json.seconds(reconnection.disconnectedSeconds)
            json.key("events")
            json.array { json in reconnection.replay.events.forEach { write($0, into: &json) } }
            json.member("replay_complete", reconnection.replay.isComplete)
            json.member("snapshot_required", reconnection.replay.snapshotRequired)
        }
        return .json(status: 200, json.bytes)
    }

    func appendEvents(_ request: HTTPRequest, zone: String, room: String) throws -> HTTPResponse {
        let body = try jsonBody(of: request)
        let events: [NewRoomEvent]
        if case .object(let object) = body, object["events"] != nil {
            let batch = try FieldReader(body, allowed: ["events"])
            guard let elements = try batch.array("events") else { throw Problem.invalidField("events", "must be an array") }
            guard (1...NewRoomEvent.maxBatch).contains(elements.count) else {
                throw Problem.invalidField("events", "must hold 1 to \(NewRoomEvent.maxBatch) events")
            }
            events = try elements.enumerated().map { (index, element) throws(Problem) in
                try Self.event(element, prefix: "events[\(index)].")
            }
        } else {
            events = [try Self.event(body, prefix: "")]
        }
        let sequences = try core.append(events, zone: zone, room: room)
        var json = JSONWriter()
        json.object { json in
            json.member("first_sequence", sequences.lowerBound)
            json.member("last_sequence", sequences.upperBound)
        }
        return .json(status: 201, json.bytes)
    }

    func sessions(_ request: HTTPRequest, zone: String) throws -> HTTPResponse {
        let limit = try request.limit("limit", in: 1...1000, default: 100)
        let cursor = request.queryValue(named: "cursor").flatMap(SessionCursor.init(text:))
        let page = try core.pendingSessions(zone: zone, room: request.queryValue(named: "room"), limit: limit, after: cursor)
        let now = core.now()
        var json = JSONWriter(capacity: 64 + 200 * page.sessions.count)
        json.object { json in
            json.key("sessions")
            json.array { json in
                for session in page.sessions {
                    json.object { json in
                        json.member("room_id", session.room)
                        json.member("player_id", session.player)
                        json.member("phase", session.phase)
                        json.member("authority", session.authority)
                        json.member("disconnected_at", session.disconnectedAt.rfc3339)
                        json.member("expires_at", session.expiresAt.rfc3339)
                        json.key("remaining_seconds")
                        json.seconds(session.remainingSeconds(at: now))
                    }
                }
            }
            json.key("next_cursor")
            if let next = page.next { json.string(next.text) } else { json.null() }
        }
        return .json(status: 200, json.bytes)
    }

    /// Charges a failed redeem to its buckets; over the limit, answers 429 instead of 403.
    private func throttleFailure(_ request: HTTPRequest, zone: String, room: String, player: String) throws(Problem) {
        guard let wait = throttle.charge(address: request.remoteAddress, zone: zone, room: room, player: player, at: core.now())
        else { return }
        rejections.count(.tooManyFailures)
        throw Problem(
            .tooManyFailures, "too many failed redeems from this address or for this player; retry in \(wait) s",
            headers: [("Retry-After", String(wait))])
    }

    private func write(_ event: RoomEvent, into json: inout JSONWriter) {
        json.object { json in
            json.member("sequence", event.sequence)
            json.member("at", event.at.rfc3339)
            json.member("type", event.type)
            json.key("payload")
            json.raw(bytes: event.payload)
        }
    }

    private static func event(_ value: JSONValue, prefix: String) throws(Problem) -> NewRoomEvent {
        let reader = try FieldReader(value, allowed: ["type", "payload"], prefix: prefix)
        var payload = JSONWriter()
        payload.value(reader.object["payload"] ?? .null)
        return NewRoomEvent(type: try reader.requiredString("type"), payload: payload.bytes)
    }
}
