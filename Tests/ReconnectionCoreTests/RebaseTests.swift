import Testing
import ReconnectionCore

/// `?apply=pending`: a zone change that moves the deadlines of sessions already pending.
@Suite("Rebasing pending sessions")
struct RebaseTests {
    @Test("a shorter window with rebasing makes sessions due at disconnected_at + new window")
    func shorter() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 300))
        let receipt = try harness.disconnect()
        harness.clock.advance(seconds: 5)
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 20), rebasingPending: true)
        let newDeadline = receipt.disconnectedAt.adding(seconds: 20)
        #expect(try harness.allPending().map(\.expiresAt) == [newDeadline])
        harness.clock.set(newDeadline.plus(nanoseconds: -1))
        #expect(harness.core.sweep().expired == 0)
        harness.clock.set(newDeadline)
        #expect(harness.core.sweep().expired == 1)
        #expect(harness.stats.isBalanced && harness.stats.activeSessions == 0)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
        // The old deadline's heap entry is stale: nothing is expired twice.
        harness.clock.set(receipt.expiresAt)
        #expect(harness.core.sweep().expired == 0)
        #expect(harness.stats.expirations == 1)
    }

    @Test("a new deadline already past expires on the next sweep, and a redeem before it is expired")
    func alreadyPast() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 300))
        let swept = try harness.disconnect("r", "a")
        let redeemed = try harness.disconnect("r", "b")
        harness.clock.advance(seconds: 60)
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 30), rebasingPending: true)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(redeemed) }
        let result = harness.core.sweep()
        #expect(result.expired == 1)
        #expect(abs(result.maxLatenessSeconds - 30) < 1e-9)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(swept) }
        #expect(harness.stats.expirations == 2 && harness.stats.isBalanced)
    }

    @Test("without rebasing pending sessions keep their deadline; new disconnects get the new window")
    func notRebased() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 300))
        let old = try harness.disconnect("r", "old")
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 20))
        let new = try harness.disconnect("r", "new")
        #expect(new.graceSeconds == 20)
        #expect(try harness.allPending(room: "r").map(\.expiresAt) == [new.expiresAt, old.expiresAt])
        harness.clock.set(old.disconnectedAt.adding(seconds: 20))
        #expect(harness.core.sweep().expired == 1)
        #expect(try harness.redeem(old).player == "old")
    }

    @Test("a longer window with rebasing extends sessions past their old deadline")
    func longer() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let receipt = try harness.disconnect()
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 90), rebasingPending: true)
        harness.clock.set(receipt.expiresAt)
        #expect(harness.core.sweep().expired == 0)
        harness.clock.set(receipt.disconnectedAt.adding(seconds: 90).plus(nanoseconds: -1))
        #expect(harness.core.sweep().expired == 0)
        #expect(try harness.redeem(receipt).player == "p")
        #expect(harness.stats.isBalanced && harness.stats.expirations == 0)
    }

    @Test("an extended session expired later keeps its tombstone for the new window")
    func longerTombstone() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let receipt = try harness.disconnect()
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 200), rebasingPending: true)
        let deadline = receipt.disconnectedAt.adding(seconds: 200)
        harness.clock.set(deadline)
        #expect(harness.core.sweep().expired == 1)
        harness.clock.set(deadline.plus(seconds: 199))
        harness.core.sweep()
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
        harness.clock.set(deadline.plus(seconds: 200))
        #expect(harness.core.sweep().tombstonesPurged == 1)
    }

    @Test("sessions of a phase take their phase's new window; the others the new base")
    func phases() throws {
        let before = ZoneSettings(graceSeconds: 100, phaseGraceSeconds: ["lobby": 200, "end": 50])
        let harness = try Harness(before)
        let lobby = try harness.disconnect("r", "lobby", phase: "lobby")
        let end = try harness.disconnect("r", "end", phase: "end")
        let base = try harness.disconnect("r", "base", phase: "mid_round")
        let after = ZoneSettings(graceSeconds: 40, phaseGraceSeconds: ["lobby": 60])
        try harness.core.putZone(named: Harness.zone, settings: after, rebasingPending: true)
        let deadlines = try Dictionary(uniqueKeysWithValues: harness.allPending().map { ($0.player, $0.expiresAt) })
        #expect(deadlines["lobby"] == lobby.disconnectedAt.adding(seconds: 60))
        // "end" is no longer configured: its session falls back to the base window.
        #expect(deadlines["end"] == end.disconnectedAt.adding(seconds: 40))
        #expect(deadlines["base"] == base.disconnectedAt.adding(seconds: 40))
        harness.clock.set(base.disconnectedAt.adding(seconds: 40))
        #expect(harness.core.sweep().expired == 2)
        harness.clock.set(lobby.disconnectedAt.adding(seconds: 60))
        #expect(harness.core.sweep().expired == 1)
        #expect(harness.stats.isBalanced && harness.stats.activeSessions == 0)
    }

    @Test("rebasing twice leaves one live deadline")
    func twice() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 100))
        let receipt = try harness.disconnect()
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 50), rebasingPending: true)
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 100), rebasingPending: true)
        harness.clock.set(receipt.disconnectedAt.adding(seconds: 50))
        #expect(harness.core.sweep().expired == 0)
        harness.clock.set(receipt.expiresAt)
        #expect(harness.core.sweep().expired == 1)
        #expect(harness.stats.expirations == 1 && harness.stats.isBalanced)
    }
}
