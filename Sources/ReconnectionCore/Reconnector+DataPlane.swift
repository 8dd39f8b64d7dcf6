/// The data plane: what game servers call when players drop, come back, and rooms talk.
extension Reconnector {
    /// Registers a disconnect and issues a rejoin token for the zone's grace window.
    /// - Parameters:
    ///   - zone: the zone's name.
    ///   - room: the room id (``NameRule/identifier``); opened if new.
    ///   - player: the player id (``NameRule/identifier``).
    ///   - phase: the match phase; its window applies when the zone configures it.
    ///   - authority: whether the player held authority (e.g. host).
    /// - Returns: the token and its window. A second disconnect of a pending player rotates its token.
    /// - Throws: ``ReconnectionError``: `invalidField`, `zoneNotFound`, `reconnectionDisabled`, `zoneFull`.
    public func disconnect(zone: String, room: String, player: String, phase: String? = nil, authority: Bool = false) throws(ReconnectionError) -> DisconnectReceipt {
        try checkName(room, .identifier, field: "room_id")
        try checkName(player, .identifier, field: "player_id")
        if let phase { try checkName(phase, .phase, field: "phase") }
        let zone = try self.zone(zone)
        let now = clock.now()
        return try zone.shard(for: room).withLock { (shard) throws(ReconnectionError) in
            try shard.disconnect(room: room, player: player, phase: phase, authority: authority, at: now, zone: zone, vault: vault)
        }
    }

    /// Redeems a rejoin token: single use, bound to zone, room and player, within its window.
    /// - Parameters:
    ///   - token: the token's text as the player presented it; a malformed one is an unknown token.
    ///   - lastSequence: the newest event the player has; default, the room's newest at disconnect.
    /// - Returns: the reconnection with the events missed since `lastSequence`.
    /// - Throws: ``ReconnectionError``: `invalidField`, `zoneNotFound`, `reconnectionDisabled`,
    ///   `tokenRejected(reason)`.
    public func redeem(zone: String, room: String, player: String, token: String, lastSequence: UInt64? = nil) throws(ReconnectionError) -> Reconnection {
        try checkName(room, .identifier, field: "room_id")
        try checkName(player, .identifier, field: "player_id")
        let zone = try self.zone(zone)
        let now = clock.now()
        let token = RejoinToken(token)
        return try zone.shard(for: room).withLock { (shard) throws(ReconnectionError) in
            try shard.redeem(room: room, player: player, token: token, lastSequence: lastSequence, at: now, zone: zone, vault: vault)
        }
    }

    /// Appends events to a room's buffer, opening the room if needed.
    /// - Parameter events: 1 to ``NewRoomEvent/maxBatch`` events, each payload at most ``NewRoomEvent/maxPayloadBytes``.
    /// - Returns: the sequence numbers they were given.
    /// - Throws: ``ReconnectionError``: `invalidField`, `zoneNotFound`.
    public func append(_ events: [NewRoomEvent], zone: String, room: String) throws(ReconnectionError) -> ClosedRange<UInt64> {
        try checkName(room, .identifier, field: "room_id")
        guard (1...NewRoomEvent.maxBatch).contains(events.count) else {
            throw InvalidField("events", "must hold 1 to \(NewRoomEvent.maxBatch) events").asError
        }
        for (index, event) in events.enumerated() {
            let field = events.count == 1 ? "" : "events[\(index)]."
            try checkName(event.type, .eventType, field: field + "type")
            guard event.payload.count <= NewRoomEvent.maxPayloadBytes else {
                throw InvalidField(field + "payload", "must be at most \(NewRoomEvent.maxPayloadBytes) bytes").asError
            }
        }
        let zone = try self.zone(zone)
        let now = clock.now()
        return try zone.shard(for: room).withLock { (shard) throws(ReconnectionError) in
            try shard.append(events, to: room, at: now)
        }
    }

    /// Closes a room: pending sessions are cancelled (`room_closed`) and the buffer freed.
    /// - Throws: ``ReconnectionError``: `invalidField`, `zoneNotFound`.
    public func closeRoom(zone: String, room: String) throws(ReconnectionError) {
        try checkName(room, .identifier, field: "room_id")
        let zone = try self.zone(zone)
        try zone.shard(for: room).withLock { (shard) throws(ReconnectionError) in
            try shard.closeRoom(room, zone: zone, vault: vault)
        }
    }

    /// Cancels one pending session; its token stops working.
    /// - Parameter reason: `cancelled` for a game server, `admin` for an operator.
    /// - Throws: ``ReconnectionError``: `invalidField`, `zoneNotFound`, `sessionNotFound`.
    public func cancelSession(zone: String, room: String, player: String, reason: CancellationReason = .cancelled) throws(ReconnectionError) {
        try checkName(room, .identifier, field: "room_id")
        try checkName(player, .identifier, field: "player_id")
        let zone = try self.zone(zone)
        try zone.shard(for: room).withLock { (shard) throws(ReconnectionError) in
            try shard.cancel(room: room, player: player, reason: reason, zone: zone, vault: vault)
        }
    }

    /// Lists pending sessions (never their tokens), ordered by room then player. Sessions past
    /// their deadline are left out even before the sweeper has expired them.
    /// - Parameters:
    ///   - room: only this room, when given.
    ///   - limit: the most to return (1 or more).
    ///   - cursor: resume after this session, from an earlier page's `next`.
    /// - Throws: ``ReconnectionError``: `invalidField`, `zoneNotFound`.
    public func pendingSessions(zone: String, room: String? = nil, limit: Int = 100, after cursor: SessionCursor? = nil) throws(ReconnectionError) -> SessionPage {
        if let room { try checkName(room, .identifier, field: "room") }
        guard limit >= 1 else { throw InvalidField("limit", "must be at least 1").asError }
        let zone = try self.zone(zone)
        let shards = room.map { [zone.shard(for: $0)] } ?? zone.shards
        let now = clock.now()
        var sessions = shards.flatMap { shard in
            shard.withLock { $0.pendingSessions(room: room, after: cursor, at: now, vault: vault) }
        }
        sessions.sort { ($0.room, $0.player) < ($1.room, $1.player) }
        guard sessions.count > limit else { return SessionPage(sessions: sessions, next: nil) }
        let page = Array(sessions.prefix(limit))
        return SessionPage(sessions: page, next: page.last.map { SessionCursor(room: $0.room, player: $0.player) })
    }
}
