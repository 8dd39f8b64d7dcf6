/// Every live token and tombstone of the process, sharded by selector.
///
/// One vault for all zones, so a token presented to the wrong zone is recognised as a
/// binding mismatch rather than an unknown token. Callers hold their room shard's lock
/// while they call in: the lock order is always room shard, then vault shard.
final class TokenVault: Sendable {
    private struct Shard: Sendable {
        var records = RecordTable()
        /// Tombstones by the end of their retention.
        var purgeQueue = DeadlineHeap<UInt64>()
    }

    private static let shardCount = 64
    private let shards: [Locked<Shard>]

    init() {
        shards = (0..<Self.shardCount).map { _ in Locked(Shard()) }
    }

    /// Stores the new pending record `make` builds; `false` (`make` not called) if the
    /// selector is taken (regenerate the token).
    func insert(selector: UInt64, _ make: () -> TokenRecord) -> Bool {
        shard(for: selector).withLock { shard in
            shard.records.insert(selector: selector, make)
        }
    }

    /// Runs `body` on the record of `selector`. A record left as a tombstone is queued for purge,
    /// except a redeemed one: it keeps its deadline, whose entry in its zone shard's expiry
    /// queue purges it through ``settle(_:dueAt:)`` (one queue entry and one lookup less per
    /// reconnection than queueing it here too).
    func withRecord<Result>(_ selector: UInt64, _ body: (inout TokenRecord) -> sending Result) -> sending Result? {
        shard(for: selector).withLock { shard -> sending Result? in
            guard let place = shard.records.place(of: selector) else { return nil }
            var retainUntil: Timestamp?
            let result = Self.update(&shard.records[place]) { record in
                let before = (record.state, record.deadline)
                let result = body(&record)
                if record.state != .pending && record.state != .redeemed && (record.state, record.deadline) != before {
                    retainUntil = record.deadline
                }
                return result
            }
            if let retainUntil { shard.purgeQueue.insert(selector, at: retainUntil) }
            return result
        }
    }

    /// What the expiry sweep found behind a deadline entry it popped.
    enum Settlement {
        /// The session was pending and is expired now; its room and player.
        case expired(room: String, player: String)
        /// A redeemed tombstone whose retention ended; it is gone now.
        case purged
        /// The entry no longer stands (the record moved on, or is gone).
        case stale
    }

    /// Settles the deadline entry (`selector`, `deadline`) the expiry sweep popped: a session
    /// still pending with that deadline expires, a redeemed tombstone kept until it is purged.
    func settle(_ selector: UInt64, dueAt deadline: Timestamp) -> Settlement {
        shard(for: selector).withLock { shard in
            guard let place = shard.records.place(of: selector), shard.records[place].deadline == deadline else {
                return .stale
            }
            switch shard.records[place].state {
            case .pending:
                let ended = Self.update(&shard.records[place]) { record in
                    record.expire()
                    return (room: record.room, player: record.player, retainUntil: record.deadline)
                }
                shard.purgeQueue.insert(selector, at: ended.retainUntil)
                return .expired(room: ended.room, player: ended.player)
            case .redeemed:
                shard.records.remove(selector)
                return .purged
            case .expired, .rotated, .roomClosed, .cancelled:
                return .stale
            }
        }
    }

    /// Hands a redeemed tombstone's purge to the vault's own queue: for a zone shard that is
    /// retired, and so will never pop its deadline entries.
    func adoptPurge(of selector: UInt64, dueAt deadline: Timestamp) {
        shard(for: selector).withLock { shard in
            guard let place = shard.records.place(of: selector), shard.records[place].state == .redeemed,
                shard.records[place].deadline == deadline
            else { return }
            shard.purgeQueue.insert(selector, at: deadline)
        }
    }

    /// A copy of the record of `selector`.
    func record(_ selector: UInt64) -> TokenRecord? {
        shard(for: selector).withLock { shard in shard.records.place(of: selector).map { shard.records[$0] } }
    }

    /// Drops tombstones whose retention has ended; returns how many.
    func purge(at now: Timestamp) -> Int {
        var purged = 0
        for shard in shards {
            purged += shard.withLock { shard in
                var count = 0
                while let (deadline, selector) = shard.purgeQueue.popDue(at: now) {
                    guard let place = shard.records.place(of: selector), shard.records[place].state != .pending,
                        shard.records[place].deadline == deadline
                    else { continue }
                    shard.records.remove(selector)
                    count += 1
                }
                return count
            }
        }
        return purged
    }

    /// How many records (pending and tombstones) the vault holds.
    var count: Int {
        shards.reduce(0) { total, shard in total + shard.withLock { $0.records.count } }
    }

    /// Runs `body` on the record in place (through the table's `_modify`), without copying it.
    private static func update<Result>(
        _ record: inout TokenRecord, _ body: (inout TokenRecord) -> sending Result
    ) -> sending Result {
        body(&record)
    }

    private func shard(for selector: UInt64) -> Locked<Shard> {
        shards[Int(truncatingIfNeeded: selector & UInt64(Self.shardCount - 1))]
    }
}
