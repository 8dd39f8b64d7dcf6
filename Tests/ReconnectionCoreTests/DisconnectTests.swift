import Testing
import ReconnectionCore

@Suite("Disconnect")
struct DisconnectTests {
    private let phased = ZoneSettings(graceSeconds: 45, phaseGraceSeconds: ["lobby": 90, "match_point": 60])

    @Test("the receipt names the zone, room, player, window and deadline")
    func receipt() throws {
        let harness = try Harness(phased)
        harness.clock.advance(seconds: 3.25)
        let receipt = try harness.disconnect("r-1842", "p-77", phase: "lobby", authority: true)
        #expect(receipt.zone == Harness.zone && receipt.room == "r-1842" && receipt.player == "p-77")
        #expect(receipt.phase == "lobby" && receipt.graceSeconds == 90)
        #expect(receipt.disconnectedAt == harness.now)
        #expect(receipt.expiresAt == harness.now.adding(seconds: 90))
        #expect(receipt.lastSequence == 0)
        let listed = try #require(try harness.allPending().first)
        #expect(listed.authority && listed.phase == "lobby" && listed.expiresAt == receipt.expiresAt)
    }

    @Test("the window is the phase's when configured, else the base named 'default'", arguments: [
        ("lobby", "lobby", 90), ("match_point", "match_point", 60), ("mid_round", "default", 45), (nil, "default", 45),
    ])
    func window(phase: String?, applied: String, seconds: Int) throws {
        let harness = try Harness(phased)
        let receipt = try harness.disconnect(phase: phase)
        #expect(receipt.phase == applied)
        #expect(receipt.graceSeconds == seconds)
        #expect(receipt.expiresAt == receipt.disconnectedAt.adding(seconds: seconds))
    }

    @Test("last_sequence is the room's newest event at disconnect")
    func lastSequence() throws {
        let harness = try Harness()
        try harness.append(7, to: "r")
        try harness.append(2, to: "other")
        #expect(try harness.disconnect("r", "a").lastSequence == 7)
        #expect(try harness.disconnect("other", "a").lastSequence == 2)
        #expect(try harness.disconnect("fresh", "a").lastSequence == 0)
    }

    @Test("invalid ids name their field")
    func invalid() throws {
        let harness = try Harness()
        #expect(invalidFieldName { try harness.disconnect("", "p") } == "room_id")
        #expect(invalidFieldName { try harness.disconnect("r/1", "p") } == "room_id")
        #expect(invalidFieldName { try harness.disconnect("r", "p q") } == "player_id")
        #expect(invalidFieldName { try harness.disconnect("r", String(repeating: "p", count: 129)) } == "player_id")
        #expect(invalidFieldName { try harness.disconnect("r", "p", phase: "Lobby") } == "phase")
        #expect(invalidFieldName { try harness.disconnect("r", "p", phase: "") } == "phase")
        #expect(harness.stats.tokensIssued == 0)
        #expect(failure { _ = try harness.core.disconnect(zone: "nope", room: "r", player: "p") } == .zoneNotFound)
    }

    @Test("a disabled zone issues no token")
    func disabled() throws {
        let harness = try Harness(ZoneSettings(reconnectionEnabled: false))
        #expect(failure { try harness.disconnect() } == .reconnectionDisabled)
        #expect(harness.stats.tokensIssued == 0 && harness.stats.activeSessions == 0)
    }

    @Test("max_pending_sessions caps the zone; a redeem, an expiry or a cancel frees a slot")
    func capacity() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 10, maxPendingSessions: 2))
        let first = try harness.disconnect("r1", "a")
        let second = try harness.disconnect("r2", "b")
        #expect(failure { try harness.disconnect("r3", "c") } == .zoneFull(limit: 2))
        // A rotation needs no new slot.
        let rotated = try harness.disconnect("r2", "b")
        #expect(rotated.token != second.token)

        try harness.redeem(first)
        try harness.disconnect("r3", "c")
        #expect(failure { try harness.disconnect("r4", "d") } == .zoneFull(limit: 2))

        try harness.core.cancelSession(zone: Harness.zone, room: "r3", player: "c")
        try harness.disconnect("r4", "d")
        #expect(failure { try harness.disconnect("r5", "e") } == .zoneFull(limit: 2))

        harness.clock.set(rotated.expiresAt)
        #expect(harness.core.sweep().expired == 2)
        try harness.disconnect("r5", "e")
        try harness.disconnect("r6", "f")
        #expect(failure { try harness.disconnect("r7", "g") } == .zoneFull(limit: 2))
        #expect(harness.stats.isBalanced && harness.stats.activeSessions == 2)
    }

    @Test("a second disconnect rotates the token")
    func rotation() throws {
        let harness = try Harness()
        let old = try harness.disconnect("r", "p", phase: "x")
        harness.clock.advance(seconds: 5)
        let new = try harness.disconnect("r", "p")
        #expect(new.token != old.token)
        #expect(new.disconnectedAt == harness.now)
        let stats = harness.stats
        #expect(stats.tokensIssued == 2 && stats.activeSessions == 1)
        #expect(stats.cancellations(.tokenRotated) == 1 && stats.totalCancellations == 1)
        #expect(failure { try harness.redeem(old) } == .tokenRejected(.rotated))
        #expect(harness.stats.validationFailures(.rotated) == 1)
        #expect(try harness.redeem(new).player == "p")
        #expect(harness.stats.isBalanced && harness.stats.activeSessions == 0)
    }

    @Test("a rotation after the old deadline counts the old session as expired")
    func rotationAfterDeadline() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 10))
        let old = try harness.disconnect()
        harness.clock.set(old.expiresAt)
        let new = try harness.disconnect()
        let stats = harness.stats
        #expect(stats.expirations == 1 && stats.totalCancellations == 0 && stats.activeSessions == 1 && stats.isBalanced)
        #expect(failure { try harness.redeem(old) } == .tokenRejected(.expired))
        #expect(try harness.redeem(new).player == "p")
        #expect(harness.core.sweep().expired == 0)
    }
}
