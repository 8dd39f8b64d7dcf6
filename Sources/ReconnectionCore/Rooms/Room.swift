/// A room of a zone: its event buffer and its players who are away.
struct Room: Sendable {
    var buffer = RoomBuffer()
    /// Pending players, by id, to the selector of their current token.
    var pending: [String: UInt64] = [:]
    /// The last disconnect or event; a room quiet for a grace window with nobody away is dropped.
    var lastActivity: Timestamp
    /// The idle check that stands; older entries in the shard's queue are ignored.
    var idleCheckAt: Timestamp

    init(at now: Timestamp, idleCheckAt: Timestamp) {
        lastActivity = now
        self.idleCheckAt = idleCheckAt
    }

    /// Whether the room may be dropped at `now`, after being quiet for `graceSeconds`.
    func isIdle(at now: Timestamp, graceSeconds: Int) -> Bool {
        pending.isEmpty && lastActivity.adding(seconds: graceSeconds) <= now
    }
}
