import Testing
import ReconnectionCore

private struct CommitFailed: Error {}

@Suite("Zone edits")
struct ZoneEditTests {
    @Test("a first start holds the default zone of API.md")
    func defaultZone() throws {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        let zone = try #require(core.zone(named: "default"))
        #expect(zone == ZoneConfiguration(name: "default", settings: ZoneSettings(), version: 1, updatedAt: clock.now()))
        #expect(zone.settings.graceSeconds == 300 && zone.settings.eventBufferSize == 100 && zone.settings.reconnectionEnabled)
        #expect(core.zones.map(\.name) == ["default"])
    }

    @Test("create gives version 1; a replace adds 1 and takes the clock's time")
    func versions() throws {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        let created = try core.putZone(named: "ranked", settings: ZoneSettings(graceSeconds: 45))
        #expect(created.action == .create && created.version == 1 && created.before == nil)
        #expect(created.after == core.zone(named: "ranked"))
        #expect(core.zone(named: "ranked")?.updatedAt == clock.now())

        clock.advance(seconds: 12.5)
        let replaced = try core.putZone(named: "ranked", settings: ZoneSettings(graceSeconds: 60))
        #expect(replaced.action == .update && replaced.version == 2 && replaced.at == clock.now())
        #expect(replaced.before?.settings.graceSeconds == 45)
        let zone = try #require(core.zone(named: "ranked"))
        #expect(zone.version == 2 && zone.updatedAt == clock.now() && zone.settings.graceSeconds == 60)
    }

    @Test("identical settings make no version and do not call commit")
    func identical() throws {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 45))
        let before = try #require(core.zone(named: "z"))
        clock.advance(seconds: 5)
        var commits = 0
        let change = try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 45)) { _ in commits += 1 }
        #expect(commits == 0)
        #expect(change.version == 1)
        #expect(core.zone(named: "z") == before)
        try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 46)) { _ in commits += 1 }
        #expect(commits == 1)
    }

    @Test("preconditions: If-Match and If-None-Match")
    func preconditions() throws {
        let core = Reconnector(clock: ManualClock())
        #expect(failure { try core.putZone(named: "z", settings: ZoneSettings(), precondition: .version(1)) } == .versionConflict(current: nil))
        #expect(core.zone(named: "z") == nil)
        try core.putZone(named: "z", settings: ZoneSettings(), precondition: .absent)
        #expect(failure { try core.putZone(named: "z", settings: ZoneSettings(), precondition: .absent) } == .zoneExists)
        #expect(failure { try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 9), precondition: .version(2)) } == .versionConflict(current: 1))
        try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 9), precondition: .version(1))
        #expect(core.zone(named: "z")?.version == 2)
        #expect(failure { try core.deleteZone(named: "z", precondition: .version(1)) } == .versionConflict(current: 2))
        #expect(failure { try core.deleteZone(named: "nope", precondition: .version(1)) } == .zoneNotFound)
        try core.deleteZone(named: "z", precondition: .version(2))
        #expect(core.zone(named: "z") == nil)
    }

    @Test("If-Match: * needs the zone to exist, at any version")
    func exists() throws {
        let core = Reconnector(clock: ManualClock())
        #expect(failure { try core.putZone(named: "z", settings: ZoneSettings(), precondition: .exists) } == .versionConflict(current: nil))
        #expect(core.zone(named: "z") == nil)
        try core.putZone(named: "z", settings: ZoneSettings())
        try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 9))
        #expect(try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 8), precondition: .exists).version == 3)
        try core.deleteZone(named: "z", precondition: .exists)
        #expect(core.zone(named: "z") == nil)
    }

    @Test("invalid names and settings are refused before anything changes")
    func invalid() throws {
        let core = Reconnector(clock: ManualClock())
        #expect(invalidFieldName { try core.putZone(named: "Bad Name", settings: ZoneSettings()) } == "name")
        #expect(invalidFieldName { try core.putZone(named: "z", settings: ZoneSettings(graceSeconds: 0)) } == "grace_seconds")
        #expect(invalidFieldName { try core.putZone(named: "z", settings: ZoneSettings(phaseGraceSeconds: ["lobby": 0])) } == "phase_grace_seconds.lobby")
        #expect(core.zones.map(\.name) == ["default"])
    }

    @Test("a failing commit changes nothing: create, update and delete")
    func commitFails() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let core = harness.core
        #expect(throws: CommitFailed.self) { try core.putZone(named: "new", settings: ZoneSettings()) { _ in throw CommitFailed() } }
        #expect(core.zone(named: "new") == nil)

        let before = try #require(core.zone(named: Harness.zone))
        #expect(throws: CommitFailed.self) { try core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 99)) { _ in throw CommitFailed() } }
        #expect(core.zone(named: Harness.zone) == before)
        #expect(try harness.disconnect("r", "a").graceSeconds == 30)

        #expect(throws: CommitFailed.self) { try core.deleteZone(named: Harness.zone, force: true) { _ in throw CommitFailed() } }
        #expect(core.zone(named: Harness.zone) == before)
        let receipt = try harness.disconnect("r", "b")
        #expect(harness.stats.activeSessions == 2)
        #expect(try harness.redeem(receipt).player == "b")
        // A later, successful update still counts from the old version.
        #expect(try core.putZone(named: Harness.zone, settings: ZoneSettings(graceSeconds: 31)).version == before.version + 1)
    }

    @Test("zones are listed sorted by name")
    func sorted() throws {
        let core = Reconnector(clock: ManualClock())
        for name in ["m", "b.zone", "z9", "a-1", "0first", "x_y"] {
            try core.putZone(named: name, settings: ZoneSettings())
        }
        let names = core.zones.map(\.name)
        #expect(names == ["0first", "a-1", "b.zone", "default", "m", "x_y", "z9"])
        #expect(core.snapshot().map(\.configuration.name) == names)
    }

    @Test("restoring keeps versions and refuses duplicates and invalid zones")
    func restoring() throws {
        let at = Timestamp(milliseconds: 1_000)
        let saved = [ZoneConfiguration(name: "b", settings: ZoneSettings(graceSeconds: 7), version: 4, updatedAt: at), ZoneConfiguration(name: "a", updatedAt: at)]
        let core = try Reconnector(clock: ManualClock(), restoring: saved, deletedVersions: ["gone": 6])
        #expect(core.zones.map(\.name) == ["a", "b"])
        #expect(core.zone(named: "b")?.version == 4)
        #expect(try core.putZone(named: "b", settings: ZoneSettings()).version == 5)
        #expect(try core.putZone(named: "gone", settings: ZoneSettings()).version == 7)

        #expect(throws: InvalidField.self) { try Reconnector(clock: ManualClock(), restoring: [saved[1], saved[1]]) }
        let invalid = [
            ZoneConfiguration(name: "Upper", updatedAt: at),
            ZoneConfiguration(name: "v0", version: 0, updatedAt: at),
            ZoneConfiguration(name: "g", settings: ZoneSettings(maxPendingSessions: 0), updatedAt: at),
        ]
        for configuration in invalid {
            #expect(throws: InvalidField.self) { try Reconnector(clock: ManualClock(), restoring: [configuration]) }
        }
        #expect(try Reconnector(clock: ManualClock(), restoring: []).zones.isEmpty)
    }
}
