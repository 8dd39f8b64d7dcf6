/// The reconnection core: zones and their grace windows, rejoin tokens, pending sessions,
/// room event buffers, expiry and counters. Safe to call from many threads at once.
///
/// A game server written in Swift can link this alone; `reconnectd` puts HTTP around it.
public final class Reconnector: Sendable {
    let clock: any WallClock
    let vault = TokenVault()
    let directory = ZoneDirectory()
    /// Serializes zone changes (not the data plane): ids, and the last version of deleted zones.
    let edits: Locked<ZoneEdits>

    struct ZoneEdits: Sendable {
        var nextID: UInt32 = 1
        /// A zone created again continues its old numbering, so a stale `If-Match` cannot match.
        var deletedVersions: [String: Int] = [:]

        mutating func makeID() -> ZoneID {
            defer { nextID += 1 }
            return ZoneID(rawValue: nextID)
        }
    }

    /// Creates a core holding only the `default` zone of API.md.
    /// - Parameter clock: where time comes from; a ``ManualClock`` in tests.
    public convenience init(clock: any WallClock = SystemClock()) {
        // The default zone always validates.
        try! self.init(clock: clock, restoring: [ZoneConfiguration.defaultZone(at: clock.now())])
    }

    /// Creates a core holding `zones`, as saved by an earlier run.
    /// - Parameters:
    ///   - clock: where time comes from.
    ///   - zones: the zones, with their versions.
    ///   - deletedVersions: the last version of zones deleted earlier, by name.
    /// - Throws: ``InvalidField`` when a zone breaks a rule or two share a name.
    public init(clock: any WallClock, restoring zones: [ZoneConfiguration], deletedVersions: [String: Int] = [:]) throws(InvalidField) {
        self.clock = clock
        var edits = ZoneEdits(deletedVersions: deletedVersions)
        var seen = Set<String>()
        for configuration in zones {
            try configuration.validate()
            guard seen.insert(configuration.name).inserted else {
                throw InvalidField("zones", "zone '\(configuration.name)' appears twice")
            }
            directory.insert(Zone(id: edits.makeID(), configuration: configuration))
        }
        self.edits = Locked(edits)
    }

    /// The current time on the core's clock.
    public func now() -> Timestamp {
        clock.now()
    }

    /// The zone named `name`, or `zoneNotFound`.
    func zone(_ name: String) throws(ReconnectionError) -> Zone {
        guard let zone = directory[name] else { throw .zoneNotFound }
        return zone
    }
}

extension InvalidField {
    /// As a core error.
    var asError: ReconnectionError { .invalidField(self) }
}

/// Checks an id field, as a ``ReconnectionError``.
func checkName(_ value: String, _ rule: NameRule, field: String) throws(ReconnectionError) {
    do {
        try rule.check(value, field: field)
    } catch {
        throw error.asError
    }
}
