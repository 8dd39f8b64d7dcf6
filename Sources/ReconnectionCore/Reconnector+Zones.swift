/// Zone configuration: what operators change at runtime. Changes are serialized; the data
/// plane keeps running throughout and sees each change whole.
extension Reconnector {
    /// Every zone, sorted by name.
    public var zones: [ZoneConfiguration] {
        directory.all.map(\.configuration)
    }

    /// The zone named `name`, if it exists.
    public func zone(named name: String) -> ZoneConfiguration? {
        directory[name]?.configuration
    }

    /// Creates or replaces a zone's settings.
    ///
    /// A change applies to disconnects registered after it; with `rebasingPending`, pending
    /// sessions also get `expires_at = disconnected_at + new window` at once. Settings equal
    /// to the current ones change nothing: no new version, no history, `commit` not called
    /// (with `rebasingPending`, pending sessions are still given the current windows).
    /// - Parameters:
    ///   - name: the zone's name.
    ///   - settings: the new settings, validated here.
    ///   - precondition: from `If-Match` / `If-None-Match: *`.
    ///   - rebasingPending: `?apply=pending`.
    ///   - commit: makes the change durable before it takes effect; if it throws, nothing changes.
    /// - Returns: the change (its `before` is `nil` for a create).
    /// - Throws: ``ReconnectionError`` (`invalidField`, `versionConflict`, `zoneExists`), or what `commit` throws.
    @discardableResult
    public func putZone(
        named name: String, settings: ZoneSettings, precondition: ZonePrecondition = .none,
        rebasingPending: Bool = false, commit: (ZoneChange) throws -> Void = { _ in }
    ) throws -> ZoneChange {
        try checkName(name, .zone, field: "name")
        do { try settings.validate() } catch { throw error.asError }
        return try edits.withLock { edits in
            let existing = directory[name]
            let before = existing?.configuration
            try Self.check(precondition, against: before)
            let now = clock.now()
            if let existing, let before, before.settings == settings {
                // Nothing to record; `?apply=pending` still re-applies the windows to pending sessions.
                if rebasingPending { existing.install(before, rebasing: true, vault: vault) }
                return ZoneChange(zone: name, version: before.version, at: before.updatedAt, action: .update, before: before, after: before)
            }
            let version = (before?.version ?? edits.deletedVersions[name] ?? 0) + 1
            let after = ZoneConfiguration(name: name, settings: settings, version: version, updatedAt: now)
            let change = ZoneChange(zone: name, version: version, at: now, action: before == nil ? .create : .update, before: before, after: after)
            try commit(change)
            if let existing {
                existing.install(after, rebasing: rebasingPending, vault: vault)
            } else {
                directory.insert(Zone(id: edits.makeID(), configuration: after))
                edits.deletedVersions[name] = nil
            }
            return change
        }
    }

    /// Deletes a zone. Without `force` it must have no pending session; with it, they are
    /// cancelled (`zone_deleted`). Its counters disappear with it.
    /// - Parameters:
    ///   - name: the zone's name.
    ///   - precondition: from `If-Match`.
    ///   - force: `?force=true`.
    ///   - commit: makes the change durable before it takes effect; if it throws, nothing changes.
    /// - Throws: ``ReconnectionError`` (`zoneNotFound`, `versionConflict`, `zoneHasPendingSessions`), or what `commit` throws.
    @discardableResult
    public func deleteZone(
        named name: String, precondition: ZonePrecondition = .none, force: Bool = false,
        commit: (ZoneChange) throws -> Void = { _ in }
    ) throws -> ZoneChange {
        try edits.withLock { edits in
            guard let zone = directory[name] else { throw ReconnectionError.zoneNotFound }
            let before = zone.configuration
            try Self.check(precondition, against: before)
            try zone.beginRetirement(force: force)
            let now = clock.now()
            let change = ZoneChange(zone: name, version: before.version + 1, at: now, action: .delete, before: before, after: nil)
            do {
                try commit(change)
            } catch {
                zone.abortRetirement()
                throw error
            }
            directory.remove(name)
            zone.retire(vault: vault)
            edits.deletedVersions[name] = change.version
            return change
        }
    }

    private static func check(_ precondition: ZonePrecondition, against current: ZoneConfiguration?) throws(ReconnectionError) {
        switch precondition {
        case .none:
            return
        case .version(let expected):
            guard let current, current.version == expected else { throw .versionConflict(current: current?.version) }
        case .exists:
            guard current != nil else { throw .versionConflict(current: nil) }
        case .absent:
            guard current == nil else { throw .zoneExists }
        }
    }
}
