import Testing
@testable import ReconnectionCore

@Suite("Zone deletion")
struct ZoneDeleteTests {
    @Test("a deleted zone is not found by any call")
    func notFound() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        try harness.redeem(receipt)
        let change = try harness.core.deleteZone(named: Harness.zone)
        #expect(change.action == .delete && change.after == nil && change.before?.name == Harness.zone)
        let core = harness.core
        let zone = Harness.zone
        #expect(core.zone(named: zone) == nil)
        #expect(core.statistics(zone: zone) == nil)
        #expect(failure { _ = try core.disconnect(zone: zone, room: "r", player: "p") } == .zoneNotFound)
        #expect(failure { try harness.redeem(receipt) } == .zoneNotFound)
        #expect(failure { try harness.append(1) } == .zoneNotFound)
        #expect(failure { try core.closeRoom(zone: zone, room: "r") } == .zoneNotFound)
        #expect(failure { try core.cancelSession(zone: zone, room: "r", player: "p") } == .zoneNotFound)
        #expect(failure { _ = try core.pendingSessions(zone: zone) } == .zoneNotFound)
        #expect(failure { try core.deleteZone(named: zone) } == .zoneNotFound)
    }

    @Test("a zone created again continues the version numbering")
    func versionContinues() throws {
        let core = Reconnector(clock: ManualClock())
        try core.putZone(named: "z", settings: ZoneSettings())
        try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 10))
        let deletion = try core.deleteZone(named: "z")
        #expect(deletion.version == 3)
        let again = try core.putZone(named: "z", settings: ZoneSettings())
        #expect(again.action == .create && again.version == 4)
        #expect(failure { try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 5), precondition: .version(2)) } == .versionConflict(current: 4))
    }

    @Test("without force a zone with pending sessions is kept")
    func pendingBlocks() throws {
        let harness = try Harness()
        try harness.disconnect("r1", "a")
        try harness.disconnect("r2", "b")
        var commits = 0
        #expect(failure { try harness.core.deleteZone(named: Harness.zone) { _ in commits += 1 } } == .zoneHasPendingSessions(count: 2))
        #expect(commits == 0)
        #expect(harness.core.zone(named: Harness.zone) != nil)
        // The refused delete left the zone fully working.
        let receipt = try harness.disconnect("r3", "c")
        try harness.redeem(receipt)
        #expect(harness.stats.activeSessions == 2)
    }

    @Test("with force pending sessions are cancelled as zone_deleted and their tokens fail")
    func force() throws {
        let harness = try Harness()
        let receipts = try (0..<3).map { try harness.disconnect("r\($0)", "p\($0)") }
        let zone = try #require(harness.core.directory[Harness.zone])
        try harness.core.deleteZone(named: Harness.zone, force: true)

        let final = zone.statistics
        #expect(final.cancellations(.zoneDeleted) == 3)
        #expect(final.activeSessions == 0 && final.isBalanced)
        #expect(zone.pendingSessions == 0)
        for receipt in receipts {
            #expect(failure { try harness.redeem(receipt) } == .zoneNotFound)
        }
        // A zone of the same name is another zone: the old tokens are bound elsewhere.
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings())
        for receipt in receipts {
            #expect(failure { try harness.redeem(receipt) } == .tokenRejected(.bindingMismatch))
        }
        #expect(harness.stats.tokensIssued == 0)
        #expect(harness.stats.validationFailures(.bindingMismatch) == 3)
        #expect(try harness.allPending().isEmpty)
    }

    @Test("deleting a zone leaves other zones alone")
    func others() throws {
        let harness = try Harness()
        let receipt = try harness.core.disconnect(zone: "default", room: "r", player: "p")
        try harness.disconnect()
        try harness.core.deleteZone(named: Harness.zone, force: true)
        #expect(try harness.redeem(receipt).zone == "default")
        #expect(harness.core.statistics(zone: "default")?.completions == 1)
    }
}
