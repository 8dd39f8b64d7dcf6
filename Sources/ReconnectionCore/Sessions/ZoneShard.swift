/// One slice of a zone's rooms, behind its own lock: rooms are spread over a zone's shards by
/// the hash of their id, so disconnects in different rooms rarely wait on each other.
///
/// Every session transition and the counter it moves happen here, in one critical section.
struct ZoneShard: Sendable {
    /// A copy of the zone's settings, swapped in by every change, so the hot path reads them
    /// under the lock it holds anyway.
    var settings: ZoneSettings
    /// Set when the zone is deleted: in-flight callers then see `zoneNotFound`.
    var isRetired = false
    var rooms: [String: Room] = [:]
    /// Pending sessions by deadline (selectors; stale entries are skipped when popped).
    var expiries = DeadlineHeap<UInt64>()
    /// Rooms by the time to check whether they have gone idle.
    var idleChecks = DeadlineHeap<String>()
    var statistics = ZoneStatistics()
    var generator = TokenGenerator()

    init(settings: ZoneSettings) {
        self.settings = settings
    }

    /// Registers a disconnect and issues its token; a second one for the same player rotates it.
    mutating func disconnect(
        room roomID: String, player: String, phase: String?, authority: Bool,
        at now: Timestamp, zone: Zone, vault: TokenVault
    ) throws(ReconnectionError) -> DisconnectReceipt {
        guard !isRetired else { throw .zoneNotFound }
        guard settings.reconnectionEnabled else { throw .reconnectionDisabled }
        // The room is looked up once and then reached by index: each lookup hashes the id.
        let existing = rooms.index(forKey: roomID)
        let previous = existing.flatMap { inRoom($0) { $0.pending[player] } }
        if previous == nil {
            try zone.reservePendingSlot(limit: settings.maxPendingSessions)
        }
        let window = settings.window(for: phase)
        let expiresAt = now.adding(seconds: window.seconds)
        let room = touchRoom(roomID, at: now, found: existing)
        let lastSequence = inRoom(room) { $0.buffer.lastSequence }
        let token = issueToken(vault: vault) { verifier in
            TokenRecord(
                verifier: verifier, zone: zone.id, state: .pending, authority: authority, room: roomID, player: player,
                phase: window.phase, disconnectedAt: now, lastSequence: lastSequence, deadline: expiresAt)
        }
        rooms.values[room].pending[player] = token.selector
        expiries.insert(token.selector, at: expiresAt)
        if let previous {
            endRotated(previous, at: now, vault: vault)
        }
        statistics.tokensIssued += 1
        statistics.activeSessions += 1
        return DisconnectReceipt(
            token: token, zone: zone.name, room: roomID, player: player, phase: window.phase,
            graceSeconds: window.seconds, disconnectedAt: now, expiresAt: expiresAt, lastSequence: lastSequence)
    }

    /// Cancels one pending session.
    mutating func cancel(room roomID: String, player: String, reason: CancellationReason, zone: Zone, vault: TokenVault) throws(ReconnectionError) {
        guard !isRetired else { throw .zoneNotFound }
        guard let selector = rooms[roomID]?.pending.removeValue(forKey: player) else { throw .sessionNotFound }
        vault.withRecord(selector) { $0.state = .cancelled }
        statistics.countCancellation(reason)
        zone.releasePendingSlots(1)
    }

    /// Closes a room: its pending sessions are cancelled and its buffer freed. Closing a room
    /// that is not open succeeds too, so a game server may retry.
    mutating func closeRoom(_ roomID: String, zone: Zone, vault: TokenVault) throws(ReconnectionError) {
        guard !isRetired else { throw .zoneNotFound }
        guard let room = rooms.removeValue(forKey: roomID) else { return }
        endAll(room.pending.values, as: .roomClosed, reason: .roomClosed, zone: zone, vault: vault)
    }

    /// Retires the shard with its zone; pending sessions are cancelled as `zone_deleted`.
    mutating func retire(zone: Zone, vault: TokenVault) {
        for room in rooms.values {
            endAll(room.pending.values, as: .cancelled, reason: .zoneDeleted, zone: zone, vault: vault)
        }
        rooms = [:]
        // Redeemed tombstones rely on these entries to be purged; this shard will not sweep again.
        while let (deadline, selector) = expiries.popDue(at: Timestamp(nanoseconds: .max)) {
            vault.adoptPurge(of: selector, dueAt: deadline)
        }
        idleChecks.removeAll()
        isRetired = true
    }

    /// Installs new settings; with `rebasing`, pending sessions get `disconnected_at + new window`.
    mutating func install(_ newSettings: ZoneSettings, rebasing: Bool, vault: TokenVault) {
        let shrinks = newSettings.eventBufferSize < settings.eventBufferSize
        settings = newSettings
        if shrinks {
            // Free the memory now rather than at each room's next event.
            for roomID in rooms.keys {
                statistics.eventsEvicted += UInt64(rooms[roomID]!.buffer.shrink(to: newSettings.eventBufferSize))
            }
        }
        guard rebasing else { return }
        for room in rooms.values {
            for selector in room.pending.values {
                let deadline = vault.withRecord(selector) { record -> Timestamp in
                    let seconds = newSettings.window(for: record.phase).seconds
                    record.deadline = record.disconnectedAt.adding(seconds: seconds)
                    return record.deadline
                }
                if let deadline { expiries.insert(selector, at: deadline) }
            }
        }
    }

    /// Runs `body` on the room at `index` in place. Reading `rooms.values[index]` directly
    /// would copy the room, retaining its buffer and player table, to read one field.
    mutating func inRoom<Result>(_ index: Dictionary<String, Room>.Index, _ body: (inout Room) -> Result) -> Result {
        body(&rooms.values[index])
    }

    /// Opens the room if needed and marks it active. `found` is the caller's lookup of the room
    /// (`nil`: absent). Returns the room's index, valid until `rooms` next changes.
    @discardableResult
    mutating func touchRoom(_ roomID: String, at now: Timestamp, found: Dictionary<String, Room>.Index?) -> Dictionary<String, Room>.Index {
        if let found {
            rooms.values[found].lastActivity = now
            return found
        }
        let checkAt = now.adding(seconds: settings.graceSeconds)
        rooms[roomID] = Room(at: now, idleCheckAt: checkAt)
        idleChecks.insert(roomID, at: checkAt)
        return rooms.index(forKey: roomID)!
    }

    /// Draws a token and stores the record `make` builds for its verifier.
    private mutating func issueToken(vault: TokenVault, _ make: (_ verifier: UInt64) -> TokenRecord) -> RejoinToken {
        while true {
            let token = generator.next()
            // A selector collision is a 2^-64 event per live token; draw again rather than overwrite.
            if vault.insert(selector: token.selector, { make(token.verifier) }) { return token }
        }
    }

    /// Ends the session a new token replaces: rotated, or expired if its deadline has passed
    /// and the sweeper has not reached it yet.
    private mutating func endRotated(_ selector: UInt64, at now: Timestamp, vault: TokenVault) {
        let expired = vault.withRecord(selector) { record -> Bool in
            if record.deadline <= now {
                record.expire()
                return true
            }
            record.state = .rotated
            return false
        }
        if expired == true {
            statistics.expirations += 1
            statistics.activeSessions -= 1
        } else {
            statistics.countCancellation(.tokenRotated)
        }
    }

    private mutating func endAll(
        _ selectors: Dictionary<String, UInt64>.Values, as state: TokenRecord.State, reason: CancellationReason,
        zone: Zone, vault: TokenVault
    ) {
        for selector in selectors {
            vault.withRecord(selector) { $0.state = state }
        }
        statistics.countCancellation(reason, UInt64(selectors.count))
        zone.releasePendingSlots(selectors.count)
    }
}
