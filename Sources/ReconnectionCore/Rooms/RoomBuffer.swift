/// The newest events of a room in a bounded ring, with the room's sequence numbers.
///
/// Replay is index arithmetic on the ring, never a scan.
struct RoomBuffer: Sendable {
    /// Oldest first once `head` is applied: `ring[(head + i) % ring.count]` is the i-th oldest.
    private var ring: [RoomEvent] = []
    private var head = 0
    /// The newest sequence number handed out (0 before the first event).
    private(set) var lastSequence: UInt64 = 0

    /// How many events are buffered.
    var count: Int { ring.count }

    /// Appends one event, keeping at most `capacity`; returns how many were evicted.
    mutating func append(type: String, payload: [UInt8], at now: Timestamp, capacity: Int) -> Int {
        lastSequence += 1
        let event = RoomEvent(sequence: lastSequence, at: now, type: type, payload: payload)
        var evicted = shrink(to: capacity)
        if capacity == 0 {
            return evicted + 1
        }
        if ring.count < capacity {
            if head != 0 { ring = ordered; head = 0 }
            ring.append(event)
        } else {
            ring[head] = event
            head = (head + 1) % ring.count
            evicted += 1
        }
        return evicted
    }

    /// The events after `sequence`, and whether none between are missing.
    func replay(after sequence: UInt64) -> Replay {
        let first = lastSequence - UInt64(ring.count) + 1
        guard sequence < lastSequence else { return Replay(events: [], isComplete: true) }
        let start = max(sequence + 1, first)
        let offset = Int(start - first)
        let events = (offset..<ring.count).map { ring[(head + $0) % ring.count] }
        return Replay(events: events, isComplete: sequence + 1 >= first)
    }

    /// The buffered events, oldest first.
    private var ordered: [RoomEvent] {
        Array(ring[head...] + ring[..<head])
    }

    /// Drops the oldest events until at most `capacity` remain; returns how many.
    mutating func shrink(to capacity: Int) -> Int {
        guard ring.count > capacity else { return 0 }
        let dropped = ring.count - capacity
        ring = Array(ordered.suffix(capacity))
        head = 0
        return dropped
    }
}
