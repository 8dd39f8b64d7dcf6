/// Room events: buffering and listing of what is pending.
extension ZoneShard {
    /// Appends events to a room, opening it if needed; returns their sequence numbers.
    mutating func append(_ events: [NewRoomEvent], to roomID: String, at now: Timestamp) throws(ReconnectionError) -> ClosedRange<UInt64> {
        guard !isRetired else { throw .zoneNotFound }
        let room = touchRoom(roomID, at: now, found: rooms.index(forKey: roomID))
        let capacity = settings.eventBufferSize
        var evicted = 0
        let last = inRoom(room) { room in
            for event in events {
                evicted += room.buffer.append(type: event.type, payload: event.payload, at: now, capacity: capacity)
            }
            return room.buffer.lastSequence
        }
        statistics.eventsBuffered += UInt64(events.count)
        statistics.eventsEvicted += UInt64(evicted)
        return (last - UInt64(events.count) + 1)...last
    }

    /// The pending sessions of this shard after `cursor` and before their deadline, optionally
    /// of one room, unordered.
    func pendingSessions(room: String?, after cursor: SessionCursor?, at now: Timestamp, vault: TokenVault) -> [PendingSession] {
        var sessions: [PendingSession] = []
        let selected = room.map { id in rooms[id].map { [(id, $0)] } ?? [] } ?? rooms.map { ($0.key, $0.value) }
        for (roomID, room) in selected {
            for (player, selector) in room.pending {
                if let cursor, SessionCursor(room: roomID, player: player) <= cursor { continue }
                guard let record = vault.record(selector), record.deadline > now else { continue }
                sessions.append(
                    PendingSession(
                        room: roomID, player: player, phase: record.phase, authority: record.authority,
                        disconnectedAt: record.disconnectedAt, expiresAt: record.deadline))
            }
        }
        return sessions
    }
}
