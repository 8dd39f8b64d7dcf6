import ReconnectionCore

/// One line of `history.jsonl`: an accepted zone change and who made it.
struct HistoryEntry: Sendable {
    var change: ZoneChange
    /// The credential's name (`admin`), or `reconnectd` for the zone made on a first start.
    var actor: String

    /// The entry as API.md's history shows it; `history.jsonl` adds the zone's name, so one
    /// file serves every zone.
    func write(into json: inout JSONWriter, namingZone: Bool = false) {
        json.object { json in
            if namingZone {
                json.member("zone", change.zone)
            }
            json.member("version", change.version)
            json.member("at", change.at.rfc3339)
            json.member("actor", actor)
            json.member("action", change.action.rawValue)
            for (key, zone) in [("before", change.before), ("after", change.after)] {
                json.key(key)
                if let zone { ZoneCoding.write(zone, into: &json) } else { json.null() }
            }
        }
    }

    init(change: ZoneChange, actor: String) {
        self.change = change
        self.actor = actor
    }

    /// Reads a line as ``write(into:)`` wrote it.
    init(_ value: JSONValue) throws(Problem) {
        let reader = try FieldReader(value, allowed: ["zone", "version", "at", "actor", "action", "before", "after"])
        let zone = try reader.requiredString("zone")
        guard let version = try reader.integer("version", in: 1...Int64.max),
            let at = Timestamp(rfc3339: try reader.requiredString("at")),
            let action = ZoneChange.Action(rawValue: try reader.requiredString("action"))
        else { throw Problem.invalidField("history", "entry lacks version, at or action") }
        let zoneOrNull = { (key: String) throws(Problem) -> ZoneConfiguration? in
            guard let value = reader.value(key), value != .null else { return nil }
            return try ZoneCoding.configuration(from: value)
        }
        let before = try zoneOrNull("before")
        let after = try zoneOrNull("after")
        change = ZoneChange(zone: zone, version: Int(version), at: at, action: action, before: before, after: after)
        actor = try reader.requiredString("actor")
    }
}
