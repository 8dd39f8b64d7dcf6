import Foundation
import Testing

/// Room events: buffering, sequences, replay on reconnect, eviction, and room close.
@Suite struct EventsAPITests {
    @Test func singleAndBatchEventsGetConsecutiveSequences() throws {
        try withDaemon { daemon in
            let single = try daemon.send(
                "POST", "/v1/zones/default/rooms/r1/events", token: serverToken, json: #"{"type": "chat", "payload": {"text": "hi"}}"#)
            #expect(single.status == 201)
            #expect(sameJSON(single.json, ["first_sequence": 1, "last_sequence": 1]))
            let batch = try daemon.send(
                "POST", "/v1/zones/default/rooms/r1/events", token: serverToken,
                json: #"{"events": [{"type": "a", "payload": 1}, {"type": "b", "payload": [true, null]}, {"type": "c"}]}"#)
            #expect(batch.status == 201)
            #expect(sameJSON(batch.json, ["first_sequence": 2, "last_sequence": 4]))
            let otherRoom = try daemon.send("POST", "/v1/zones/default/rooms/r2/events", token: serverToken, json: #"{"type": "x"}"#)
            #expect(sameJSON(otherRoom.json, ["first_sequence": 1, "last_sequence": 1]))
            #expect(try daemon.scrape().value("reconnection_events_buffered_total", ["zone": "default"]) == 5)
        }
    }

    @Test func eventBodiesAreValidated() throws {
        try withDaemon { daemon in
            let path = "/v1/zones/default/rooms/r1/events"
            let cases: [(String, String, String)] = [
                (#"{"type": "chat", "extra": 1}"#, "unknown_field", "extra"),
                (#"{"payload": {}}"#, "invalid_field", "type"),
                (#"{"events": []}"#, "invalid_field", "events"),
                (#"{"events": [{"type": "a"}, {"type": "b", "bogus": 1}]}"#, "unknown_field", "events[1].bogus"),
                (#"{"events": {"type": "a"}}"#, "invalid_field", "events"),
            ]
            for (body, code, field) in cases {
                let reply = try daemon.send("POST", path, token: serverToken, json: body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.code == code, "\(body)")
                #expect(reply.field == field, "\(body)")
            }
            let tooBig = #"{"type": "big", "payload": "\#(String(repeating: "x", count: 70_000))"}"#
            #expect(try daemon.send("POST", path, token: serverToken, json: tooBig).code == "invalid_field")
            let batch = "{\"events\": [" + Array(repeating: #"{"type":"a"}"#, count: 1001).joined(separator: ",") + "]}"
            #expect(try daemon.send("POST", path, token: serverToken, json: batch).field == "events")
            let unknownZone = try daemon.send("POST", "/v1/zones/nowhere/rooms/r1/events", token: serverToken, json: #"{"type": "a"}"#)
            #expect(unknownZone.status == 404)
            #expect(unknownZone.code == "zone_not_found")
        }
    }

    @Test func reconnectReplaysEventsAfterLastSequence() throws {
        try withDaemon { daemon in
            _ = try daemon.send("POST", "/v1/zones/default/rooms/r1/events", token: serverToken, json: #"{"type": "before"}"#)
            let token = try daemon.tokenFor(room: "r1", player: "p1")
            daemon.clock.advance(seconds: 1)
            _ = try daemon.send(
                "POST", "/v1/zones/default/rooms/r1/events", token: serverToken,
                json: #"{"events": [{"type": "chat", "payload": {"text": "gg"}}, {"type": "score", "payload": [1, 2]}]}"#)
            let reply = try daemon.redeem(room: "r1", player: "p1", token: token)
            #expect(reply.status == 200)
            let events = reply.json["events"] as? [[String: Any]] ?? []
            let expected: [[String: Any]] = [
                ["sequence": 2, "at": daemon.now, "type": "chat", "payload": ["text": "gg"]],
                ["sequence": 3, "at": daemon.now, "type": "score", "payload": [1, 2]],
            ]
            #expect(sameJSON(events, expected), "\(reply.text)")
            #expect(reply.json["replay_complete"] as? Bool == true)
            #expect(reply.json["snapshot_required"] as? Bool == false)
            #expect(try daemon.scrape().value("reconnection_events_replayed_total", ["zone": "default"]) == 2)
        }
    }

    @Test func explicitLastSequenceChoosesWhereReplayStarts() throws {
        try withDaemon { daemon in
            let token = try daemon.tokenFor(room: "r1", player: "p1")
            _ = try daemon.send(
                "POST", "/v1/zones/default/rooms/r1/events", token: serverToken,
                json: #"{"events": [{"type": "a"}, {"type": "b"}, {"type": "c"}]}"#)
            let reply = try daemon.redeem(room: "r1", player: "p1", token: token, lastSequence: 2)
            let events = reply.json["events"] as? [[String: Any]] ?? []
            #expect(events.compactMap { $0["sequence"] as? Int } == [3])
            #expect(events.first?["payload"] is NSNull)
            #expect(reply.json["replay_complete"] as? Bool == true)
        }
    }

    @Test func evictedEventsAskForASnapshot() throws {
        try withDaemon { daemon in
            try daemon.putZone("small", #""event_buffer_size": 2"#)
            let token = try daemon.tokenFor("small", room: "r1", player: "p1")
            _ = try daemon.send(
                "POST", "/v1/zones/small/rooms/r1/events", token: serverToken,
                json: #"{"events": [{"type": "a"}, {"type": "b"}, {"type": "c"}]}"#)
            let reply = try daemon.redeem("small", room: "r1", player: "p1", token: token)
            #expect(reply.status == 200)
            #expect((reply.json["events"] as? [[String: Any]] ?? []).compactMap { $0["sequence"] as? Int } == [2, 3])
            #expect(reply.json["replay_complete"] as? Bool == false)
            #expect(reply.json["snapshot_required"] as? Bool == true)
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_events_evicted_total", ["zone": "small"]) == 1)
            #expect(scrape.value("reconnection_events_buffered_total", ["zone": "small"]) == 3)
        }
    }

    @Test func closingARoomCancelsItsSessionsAndFreesItsBuffer() throws {
        try withDaemon { daemon in
            _ = try daemon.send("POST", "/v1/zones/default/rooms/r1/events", token: serverToken, json: #"{"type": "a"}"#)
            _ = try daemon.tokenFor(room: "r1", player: "p1")
            _ = try daemon.tokenFor(room: "r1", player: "p2")
            let closed = try daemon.send("DELETE", "/v1/zones/default/rooms/r1", token: serverToken)
            #expect(closed.status == 204)
            #expect(closed.body.isEmpty)
            #expect((try daemon.send("GET", "/v1/zones/default/sessions").json["sessions"] as? [Any])?.isEmpty == true)
            let reopened = try daemon.send("POST", "/v1/zones/default/rooms/r1/events", token: serverToken, json: #"{"type": "a"}"#)
            #expect(reopened.status == 201)
            #expect(try daemon.send("DELETE", "/v1/zones/default/rooms/never-opened", token: serverToken).status == 204)
            #expect(try daemon.send("DELETE", "/v1/zones/nowhere/rooms/r1", token: serverToken).code == "zone_not_found")
            let scrape = try daemon.scrape()
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "default", "reason": "room_closed"]) == 2)
            #expect(scrape.value("reconnection_sessions_active", ["zone": "default"]) == 0)
        }
    }
}
