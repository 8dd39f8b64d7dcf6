import ReconnectionCore

/// The zone representation of API.md, written and read.
enum ZoneCoding {
    static let settingsFields: Set<String> = [
        "reconnection_enabled", "grace_seconds", "phase_grace_seconds", "event_buffer_size", "max_pending_sessions",
    ]
    static let readOnlyFields: Set<String> = ["name", "version", "updated_at"]

    static func write(_ zone: ZoneConfiguration, into json: inout JSONWriter) {
        json.object { json in
            json.member("name", zone.name)
            json.member("reconnection_enabled", zone.settings.reconnectionEnabled)
            json.member("grace_seconds", zone.settings.graceSeconds)
            json.key("phase_grace_seconds")
            json.object { json in
                for (phase, seconds) in zone.settings.phaseGraceSeconds.sorted(by: { $0.key < $1.key }) {
                    json.key(phase)
                    json.integer(seconds)
                }
            }
            json.member("event_buffer_size", zone.settings.eventBufferSize)
            json.member("max_pending_sessions", zone.settings.maxPendingSessions)
            json.member("version", zone.version)
            json.member("updated_at", zone.updatedAt.rfc3339)
        }
    }

    /// The settings of a PUT body (or a merged PATCH document); omitted fields take defaults.
    /// - Throws: ``Problem``: `unknown_field`, `invalid_field` (also for a `name` other than `zone`).
    static func settings(from value: JSONValue, zone: String) throws(Problem) -> ZoneSettings {
        let reader = try FieldReader(value, allowed: settingsFields.union(readOnlyFields))
        // Read-only members are ignored whatever they hold, but a different name is a mistake.
        if case .string(let name)? = reader.value("name"), name != zone {
            throw Problem.invalidField("name", "is '\(name)' but the path names zone '\(zone)'")
        }
        var settings = ZoneSettings()
        if let enabled = try reader.bool("reconnection_enabled") { settings.reconnectionEnabled = enabled }
        if let grace = try reader.integer("grace_seconds", in: range(ZoneSettings.graceRange)) {
            settings.graceSeconds = Int(grace)
        }
        if let size = try reader.integer("event_buffer_size", in: range(ZoneSettings.eventBufferRange)) {
            settings.eventBufferSize = Int(size)
        }
        if let limit = try reader.integer("max_pending_sessions", in: range(ZoneSettings.maxPendingRange)) {
            settings.maxPendingSessions = Int(limit)
        }
        for member in try reader.object("phase_grace_seconds")?.members ?? [] {
            let field = "phase_grace_seconds.\(member.key)"
            let seconds = try FieldReader.integer(member.value, in: range(ZoneSettings.graceRange), field: field)
            settings.phaseGraceSeconds[member.key] = Int(seconds)
        }
        do {
            try settings.validate()
        } catch {
            throw Problem.invalidField(error.field, error.message)
        }
        return settings
    }

    private static func range(_ range: ClosedRange<Int>) -> ClosedRange<Int64> {
        Int64(range.lowerBound)...Int64(range.upperBound)
    }

    /// A zone as the state file stores it: the full representation, checked strictly.
    static func configuration(from value: JSONValue) throws(Problem) -> ZoneConfiguration {
        let reader = try FieldReader(value, allowed: settingsFields.union(readOnlyFields))
        let name = try reader.requiredString("name")
        let settings = try settings(from: value, zone: name)
        guard let version = try reader.integer("version", in: 1...Int64.max) else {
            throw Problem.invalidField("version", "is required")
        }
        guard let updatedAt = Timestamp(rfc3339: try reader.requiredString("updated_at")) else {
            throw Problem.invalidField("updated_at", "must be an RFC 3339 UTC time with milliseconds")
        }
        return ZoneConfiguration(name: name, settings: settings, version: Int(version), updatedAt: updatedAt)
    }
}
