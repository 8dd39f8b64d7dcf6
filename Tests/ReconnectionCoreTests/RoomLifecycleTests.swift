import Testing
import ReconnectionCore

/// Closing rooms, cancelling sessions and dropping idle rooms.
@Suite("Room lifecycle")
struct RoomLifecycleTests {
    @Test("closing a room cancels its sessions as room_closed and frees its buffer")
    func close() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        try harness.append(3, to: "r")
        let a = try harness.disconnect("r", "a")
        let b = try harness.disconnect("r", "b")
        let other = try harness.disconnect("s", "a")
        try harness.core.closeRoom(zone: Harness.zone, room: "r")
        let stats = harness.stats
        #expect(stats.cancellations(.roomClosed) == 2 && stats.activeSessions == 1 && stats.isBalanced)
        #expect(try harness.allPending().map(\.room) == ["s"])
        // The buffer is gone: the room opens anew from sequence 1.
        #expect(try harness.append(1, to: "r") == 1...1)
        #expect(try harness.disconnect("r", "c").lastSequence == 1)
        #expect(try harness.redeem(other).player == "a")
        expectRejected(harness, .tokenRejected(.roomClosed), counting: .roomClosed) { try harness.redeem(b) }

        // room_not_found until the tokens would have expired, then (after a purge) unknown.
        harness.clock.set(a.expiresAt.plus(nanoseconds: -1))
        harness.core.sweep()
        expectRejected(harness, .tokenRejected(.roomClosed), counting: .roomClosed) { try harness.redeem(a) }
        harness.clock.set(a.expiresAt)
        harness.core.sweep()
        expectRejected(harness, .tokenRejected(.unknownToken), counting: .unknownToken) { try harness.redeem(a) }
        #expect(harness.stats.expirations == 1, "only c's session, not the closed ones")
    }

    @Test("closing an unknown room succeeds and changes nothing")
    func closeUnknown() throws {
        let harness = try Harness()
        try harness.disconnect()
        let before = harness.stats
        try harness.core.closeRoom(zone: Harness.zone, room: "never-opened")
        try harness.core.closeRoom(zone: Harness.zone, room: "never-opened")
        #expect(harness.stats == before)
        #expect(invalidFieldName { try harness.core.closeRoom(zone: Harness.zone, room: "") } == "room_id")
    }

    @Test("cancelling a session counts its reason and stops its token", arguments: [CancellationReason.cancelled, .admin])
    func cancel(reason: CancellationReason) throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        try harness.disconnect("r", "stays")
        try harness.core.cancelSession(zone: Harness.zone, room: "r", player: "p", reason: reason)
        let stats = harness.stats
        #expect(stats.cancellations(reason) == 1 && stats.totalCancellations == 1)
        #expect(stats.activeSessions == 1 && stats.isBalanced)
        #expect(try harness.allPending().map(\.player) == ["stays"])
        expectRejected(harness, .tokenRejected(.cancelled), counting: .cancelled) { try harness.redeem(receipt) }
        #expect(failure { try harness.core.cancelSession(zone: Harness.zone, room: "r", player: "p", reason: reason) } == .sessionNotFound)
    }

    @Test("cancelling what is not pending is session_not_found")
    func cancelMissing() throws {
        let harness = try Harness()
        let core = harness.core
        let zone = Harness.zone
        #expect(failure { try core.cancelSession(zone: zone, room: "r", player: "p") } == .sessionNotFound)
        try harness.redeem(harness.disconnect())
        #expect(failure { try core.cancelSession(zone: zone, room: "r", player: "p") } == .sessionNotFound)
        #expect(failure { try core.cancelSession(zone: zone, room: "r", player: "other") } == .sessionNotFound)
        #expect(invalidFieldName { try core.cancelSession(zone: zone, room: "r", player: "a b") } == "player_id")
        #expect(failure { try core.cancelSession(zone: "nope", room: "r", player: "p") } == .zoneNotFound)
        #expect(harness.stats.totalCancellations == 0)
    }

    @Test("a room quiet for a grace window with nobody away is dropped by a sweep")
    func idleDropped() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 60))
        try harness.append(4, to: "quiet")
        let start = harness.now
        harness.clock.set(start.plus(seconds: 60, nanoseconds: -1))
        #expect(harness.core.sweep().roomsDropped == 0)
        harness.clock.set(start.plus(seconds: 60))
        #expect(harness.core.sweep().roomsDropped == 1)
        #expect(try harness.append(1, to: "quiet") == 1...1)
    }

    @Test("activity moves the idle deadline; a redeem counts as activity")
    func activityKeeps() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 60))
        let start = harness.now
        try harness.append(1, to: "busy")
        harness.clock.set(start.plus(seconds: 50))
        try harness.append(1, to: "busy")
        harness.clock.set(start.plus(seconds: 100))
        #expect(harness.core.sweep().roomsDropped == 0)
        let receipt = try harness.disconnect("busy", "p")
        harness.clock.set(start.plus(seconds: 150))
        try harness.redeem(receipt)
        harness.clock.set(start.plus(seconds: 209))
        #expect(harness.core.sweep().roomsDropped == 0)
        #expect(try harness.append(1, to: "busy") == 3...3)
    }

    @Test("a room with a pending session is kept however quiet it is")
    func pendingKeeps() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 10, phaseGraceSeconds: ["lobby": 1000]))
        try harness.append(2, to: "r")
        let receipt = try harness.disconnect("r", "p", phase: "lobby")
        for _ in 0..<20 {
            harness.clock.advance(seconds: 30)
            #expect(harness.core.sweep().roomsDropped == 0)
        }
        let reconnection = try harness.redeem(receipt, lastSequence: 0)
        #expect(reconnection.replay.events.map(\.sequence) == [1, 2])
        harness.clock.advance(seconds: 10)
        #expect(harness.core.sweep().roomsDropped == 1)
        #expect(try harness.append(1, to: "r") == 1...1)
    }

    @Test("a room whose only session expired is dropped a grace window after its last activity")
    func droppedAfterExpiry() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 10))
        let receipt = try harness.disconnect()
        harness.clock.set(receipt.expiresAt)
        let result = harness.core.sweep()
        #expect(result.expired == 1 && result.roomsDropped == 1)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
    }
}
