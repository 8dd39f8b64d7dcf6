/// Background work: expiring sessions whose window has passed and dropping idle rooms.
extension ZoneShard {
    /// Expires every pending session due at `now`, and purges redeemed tombstones whose
    /// retention ended; returns how many of each, and how late the latest expiry was.
    mutating func expireDue(at now: Timestamp, zone: Zone, vault: TokenVault) -> (count: Int, maxLateness: Int64, purged: Int) {
        var count = 0
        var purged = 0
        var maxLateness: Int64 = 0
        while let (deadline, selector) = expiries.popDue(at: now) {
            // Redeemed, rotated or re-deadlined sessions left entries behind; they settle as stale.
            switch vault.settle(selector, dueAt: deadline) {
            case .expired(let room, let player):
                rooms[room]?.pending[player] = nil
                statistics.expirations += 1
                statistics.activeSessions -= 1
                count += 1
                maxLateness = max(maxLateness, now.nanoseconds - deadline.nanoseconds)
            case .purged:
                purged += 1
            case .stale:
                continue
            }
        }
        zone.releasePendingSlots(count)
        return (count, maxLateness, purged)
    }

    /// Drops rooms with nobody away and no event for a grace window; returns how many.
    mutating func dropIdleRooms(at now: Timestamp) -> Int {
        var dropped = 0
        while let (checkAt, roomID) = idleChecks.popDue(at: now) {
            guard let room = rooms[roomID], room.idleCheckAt == checkAt else { continue }
            if room.isIdle(at: now, graceSeconds: settings.graceSeconds) {
                rooms[roomID] = nil
                dropped += 1
            } else {
                let base = room.pending.isEmpty ? room.lastActivity : now
                let next = max(base.adding(seconds: settings.graceSeconds), now.adding(seconds: 1))
                rooms[roomID]!.idleCheckAt = next
                idleChecks.insert(roomID, at: next)
            }
        }
        return dropped
    }
}
