/// A zone as the API shows it: its name, its settings, and which change produced them.
public struct ZoneConfiguration: Hashable, Sendable {
    /// The zone's name (``NameRule/zone``).
    public var name: String
    /// The operator-editable part.
    public var settings: ZoneSettings
    /// 1 for a new zone; grows by 1 with every change.
    public var version: Int
    /// When the change that produced this version was made.
    public var updatedAt: Timestamp

    /// Creates a configuration.
    public init(name: String, settings: ZoneSettings = ZoneSettings(), version: Int = 1, updatedAt: Timestamp) {
        self.name = name
        self.settings = settings
        self.version = version
        self.updatedAt = updatedAt
    }

    /// The zone that exists on a first start.
    public static func defaultZone(at instant: Timestamp) -> ZoneConfiguration {
        ZoneConfiguration(name: "default", updatedAt: instant)
    }

    /// Checks the name and every setting.
    /// - Throws: ``InvalidField`` naming the first field that breaks a rule.
    public func validate() throws(InvalidField) {
        try NameRule.zone.check(name, field: "name")
        try settings.validate()
        guard version >= 1 else { throw InvalidField("version", "must be at least 1") }
    }
}

/// One accepted change to a zone, as history records it.
public struct ZoneChange: Hashable, Sendable {
    /// What the change did.
    public enum Action: String, Sendable {
        case create, update, delete
    }

    /// The zone's name.
    public var zone: String
    /// The version the change produced (for a delete: one past the last version).
    public var version: Int
    /// When it was made.
    public var at: Timestamp
    /// What it did.
    public var action: Action
    /// The zone before the change (`nil` for a create).
    public var before: ZoneConfiguration?
    /// The zone after the change (`nil` for a delete).
    public var after: ZoneConfiguration?

    /// Creates a change record.
    public init(zone: String, version: Int, at: Timestamp, action: Action, before: ZoneConfiguration?, after: ZoneConfiguration?) {
        self.zone = zone
        self.version = version
        self.at = at
        self.action = action
        self.before = before
        self.after = after
    }
}

/// A condition a zone change must meet, from HTTP's `If-Match` and `If-None-Match: *`.
public enum ZonePrecondition: Hashable, Sendable {
    /// No condition.
    case none
    /// The zone must exist at exactly this version.
    case version(Int)
    /// The zone must exist, at any version (`If-Match: *`).
    case exists
    /// The zone must not exist.
    case absent
}
