import MicroHTTP
import ReconnectionCore

/// The data plane routes: disconnects, reconnects, room events and the pending-session list.
extension ReconnectionService {
    func disconnect(_ request: HTTPRequest, zone: String) throws -> HTTPResponse {
        let body = try FieldReader(request.json(), allowed: ["room_id", "player_id", "phase", "authority"])
        let receipt = try core.disconnect(
            zone: zone, room: body.requiredString("room_id"), player: body.requiredString("player_id"),
            phase: body.string("phase"), authority: body.bool("authority") ?? false)
        var json = JSONWriter()
        json.object { json in
            json.key("token")
            json.string(receipt.token.text)
            json.key("zone")
            json.string(receipt.zone)
            json.key("room_id")
            json.string(receipt.room)
            json.key("player_id")
            json.string(receipt.player)
            json.key("phase")
            json.string(receipt.phase)
            json.key("grace_seconds")
            json.integer(receipt.graceSeconds)
            json.key("disconnected_at")
            json.string(receipt.disconnectedAt.rfc3339)
            json.key("expires_at")
            json.string(receipt.expiresAt.rfc3339)
            json.key("last_sequence")
            json.integer(receipt.lastSequence)
        }
        return .json(status: 201, json.bytes)
    }

    func reconnect(_ request: HTTPRequest, zone: String) throws -> HTTPResponse {
        let body = try FieldReader(request.json(), allowed: ["room_id", "player_id", "token", "last_sequence"])
        let reconnection = try core.redeem(
            zone: zone, room: body.requiredString("room_id"), player: body.requiredString("player_id"),
            token: body.requiredString("token"),
            lastSequence: body.integer("last_sequence", in: 0...Int64.max).map { UInt64($0) })
        var json = JSONWriter(capacity: 256 + reconnection.replay.events.reduce(0) { $0 + 64 + $1.payload.count })
        json.object { json in
            json.key("zone")
            json.string(reconnection.zone)
            json.key("room_id")
            json.string(reconnection.room)
            json.key("player_id")
            json.string(reconnection.player)
            json.key("authority")
            json.bool(reconnection.authority)
            json.key("disconnected_seconds")
            json.seconds(reconnection.disconnectedSeconds)
            json.key("events")
            json.array { json in reconnection.replay.events.forEach { write($0, into: &json) } }
            json.key("replay_complete")
            json.bool(reconnection.replay.isComplete)
            json.key("snapshot_required")
            json.bool(reconnection.replay.snapshotRequired)
        }
        return .json(status: 200, json.bytes)
    }

    func appendEvents(_ request: HTTPRequest, zone: String, room: String) throws -> HTTPResponse {
        let body = try request.json()
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
            json.key("first_sequence")
            json.integer(sequences.lowerBound)
            json.key("last_sequence")
            json.integer(sequences.upperBound)
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
                        json.key("room_id")
                        json.string(session.room)
                        json.key("player_id")
                        json.string(session.player)
                        json.key("phase")
                        json.string(session.phase)
                        json.key("authority")
                        json.bool(session.authority)
                        json.key("disconnected_at")
                        json.string(session.disconnectedAt.rfc3339)
                        json.key("expires_at")
                        json.string(session.expiresAt.rfc3339)
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

    private func write(_ event: RoomEvent, into json: inout JSONWriter) {
        json.object { json in
            json.key("sequence")
            json.integer(event.sequence)
            json.key("at")
            json.string(event.at.rfc3339)
            json.key("type")
            json.string(event.type)
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
