import Testing
import ReconnectionCore

@Suite("Room events")
struct EventBufferTests {
    @Test("sequences start at 1 per room and a batch returns its range")
    func sequences() throws {
        let harness = try Harness()
        #expect(try harness.append(1, to: "a") == 1...1)
        #expect(try harness.append(3, to: "a") == 2...4)
        #expect(try harness.append(2, to: "b") == 1...2)
        #expect(try harness.append(1, to: "a") == 5...5)
        #expect(harness.stats.eventsBuffered == 7 && harness.stats.eventsEvicted == 0)
    }

    @Test("replay after a sequence returns the newer events in order, with their content")
    func replay() throws {
        let harness = try Harness()
        try harness.append(4)
        let receipt = try harness.disconnect()
        harness.clock.advance(seconds: 1)
        let events = [NewRoomEvent(type: "chat", payload: Array(#"{"m":"hi"}"#.utf8)), NewRoomEvent(type: "score", payload: [])]
        _ = try harness.core.append(events, zone: Harness.zone, room: "r")
        let replay = try harness.redeem(receipt, lastSequence: 2).replay
        #expect(replay.events.map(\.sequence) == [3, 4, 5, 6])
        #expect(replay.events.map(\.type) == ["e3", "e4", "chat", "score"])
        #expect(replay.events[2].payload == events[0].payload && replay.events[2].at == harness.now)
        #expect(replay.isComplete)
        #expect(harness.stats.eventsReplayed == 4)
    }

    @Test("last_sequence defaults to the value at disconnect; a newer one replays nothing")
    func defaultLastSequence() throws {
        let harness = try Harness()
        try harness.append(5)
        let first = try harness.disconnect("r", "a")
        let second = try harness.disconnect("r", "b")
        try harness.append(2)
        #expect(try harness.redeem(first).replay.events.map(\.sequence) == [6, 7])
        let caughtUp = try harness.redeem(second, lastSequence: 7).replay
        #expect(caughtUp.events.isEmpty && caughtUp.isComplete)
    }

    @Test("the buffer keeps the newest event_buffer_size events and counts evictions")
    func eviction() throws {
        let harness = try Harness(ZoneSettings(eventBufferSize: 3))
        let receipt = try harness.disconnect()
        try harness.append(5)
        #expect(harness.stats.eventsEvicted == 2)
        let replay = try harness.redeem(receipt).replay
        #expect(replay.events.map(\.sequence) == [3, 4, 5])
        #expect(!replay.isComplete && replay.snapshotRequired)
        #expect(harness.stats.eventsReplayed == 3)
    }

    @Test("replay is complete exactly when last_sequence + 1 is still buffered")
    func completeEdge() throws {
        let harness = try Harness(ZoneSettings(eventBufferSize: 3))
        try harness.append(10)
        for (last, expected, complete) in [(6, [8, 9, 10], false), (7, [8, 9, 10], true), (9, [10], true), (10, [], true)] as [(UInt64, [UInt64], Bool)] {
            let receipt = try harness.disconnect("r", "p\(last)")
            let replay = try harness.redeem(receipt, lastSequence: last).replay
            #expect(replay.events.map(\.sequence) == expected, "after \(last)")
            #expect(replay.isComplete == complete, "after \(last)")
        }
    }

    @Test("a buffer of 0 keeps nothing but still numbers events")
    func zeroBuffer() throws {
        let harness = try Harness(ZoneSettings(eventBufferSize: 0))
        let receipt = try harness.disconnect()
        #expect(try harness.append(2) == 1...2)
        #expect(harness.stats.eventsBuffered == 2 && harness.stats.eventsEvicted == 2)
        let replay = try harness.redeem(receipt).replay
        #expect(replay.events.isEmpty && replay.snapshotRequired)
        let quiet = try harness.redeem(harness.disconnect()).replay
        #expect(quiet.events.isEmpty && quiet.isComplete)
    }

    @Test("a zone change shrinks or grows the buffers of open rooms")
    func resize() throws {
        let harness = try Harness(ZoneSettings(eventBufferSize: 5))
        try harness.append(5)
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(eventBufferSize: 2))
        // The shrink happens at the change, not at the room's next event.
        #expect(harness.stats.eventsEvicted == 3)
        #expect(try harness.redeem(harness.disconnect("r", "early"), lastSequence: 0).replay.events.map(\.sequence) == [4, 5])
        try harness.append(1)
        #expect(harness.stats.eventsEvicted == 4)
        var replay = try harness.redeem(harness.disconnect("r", "a"), lastSequence: 0).replay
        #expect(replay.events.map(\.sequence) == [5, 6])

        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(eventBufferSize: 4))
        try harness.append(3)
        replay = try harness.redeem(harness.disconnect("r", "b"), lastSequence: 0).replay
        #expect(replay.events.map(\.sequence) == [6, 7, 8, 9])
        #expect(harness.stats.eventsEvicted == 5)
        try harness.append(1)
        replay = try harness.redeem(harness.disconnect("r", "c"), lastSequence: 0).replay
        #expect(replay.events.map(\.sequence) == [7, 8, 9, 10])
    }

    @Test("the ring keeps order across many wraps")
    func wraps() throws {
        let harness = try Harness(ZoneSettings(eventBufferSize: 7))
        for batch in 1...40 {
            try harness.append(batch % 5 + 1)
        }
        let last = try harness.append(1).upperBound
        let replay = try harness.redeem(harness.disconnect(), lastSequence: last - 5).replay
        #expect(replay.events.map(\.sequence) == Array((last - 4)...last))
        #expect(replay.isComplete)
        #expect(harness.stats.eventsEvicted == harness.stats.eventsBuffered - 7)
    }

    @Test("batches of 0 or over 1000 events, large payloads and bad types are refused")
    func limits() throws {
        let harness = try Harness()
        let core = harness.core
        let zone = Harness.zone
        let event = NewRoomEvent(type: "chat", payload: [])
        #expect(invalidFieldName { _ = try core.append([], zone: zone, room: "r") } == "events")
        #expect(invalidFieldName { _ = try core.append(Array(repeating: event, count: 1001), zone: zone, room: "r") } == "events")
        #expect(try core.append(Array(repeating: event, count: 1000), zone: zone, room: "r") == 1...1000)
        let big = NewRoomEvent(type: "chat", payload: Array(repeating: 0x20, count: 64 * 1024))
        #expect(try core.append([big], zone: zone, room: "r") == 1001...1001)
        let tooBig = NewRoomEvent(type: "chat", payload: Array(repeating: 0x20, count: 64 * 1024 + 1))
        #expect(invalidFieldName { _ = try core.append([tooBig], zone: zone, room: "r") } == "payload")
        #expect(invalidFieldName { _ = try core.append([event, tooBig], zone: zone, room: "r") } == "events[1].payload")
        #expect(invalidFieldName { _ = try core.append([NewRoomEvent(type: "bad type", payload: [])], zone: zone, room: "r") } == "type")
        #expect(invalidFieldName { _ = try core.append([event, NewRoomEvent(type: "", payload: [])], zone: zone, room: "r") } == "events[1].type")
        #expect(invalidFieldName { _ = try core.append([event], zone: zone, room: "bad room") } == "room_id")
        #expect(failure { _ = try core.append([event], zone: "nope", room: "r") } == .zoneNotFound)
        // Nothing of a refused batch was buffered.
        #expect(try harness.append(1) == 1002...1002)
    }
}
