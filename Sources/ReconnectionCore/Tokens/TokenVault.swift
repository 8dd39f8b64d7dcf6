/// Every live token and tombstone of the process, sharded by selector.
///
/// One vault for all zones, so a token presented to the wrong zone is recognised as a
/// binding mismatch rather than an unknown token. Callers hold their room shard's lock
/// while they call in: the lock order is always room shard, then vault shard.
final class TokenVault: Sendable {
    private struct Shard: Sendable {
        var records: [UInt64: TokenRecord] = [:]
        /// Tombstones by the end of their retention.
        var purgeQueue = DeadlineHeap<UInt64>()
    }

    private static let shardCount = 64
    private let shards: [Locked<Shard>]

    init() {
        shards = (0..<Self.shardCount).map { _ in Locked(Shard()) }
    }

    /// Stores a new pending record; `false` if the selector is taken (regenerate the token).
    func insert(_ record: TokenRecord, selector: UInt64) -> Bool {
        shard(for: selector).withLock { shard in
            guard shard.records[selector] == nil else { return false }
            shard.records[selector] = record
            return true
        }
    }

    /// Runs `body` on the record of `selector`. A record left as a tombstone is queued for purge.
    func withRecord<Result>(_ selector: UInt64, _ body: (inout TokenRecord) -> sending Result) -> sending Result? {
        shard(for: selector).withLock { shard -> sending Result? in
            guard var record = shard.records[selector] else { return nil }
            let before = (record.state, record.deadline)
            let result = body(&record)
            shard.records[selector] = record
            if record.state != .pending && (record.state, record.deadline) != before {
                shard.purgeQueue.insert(selector, at: record.deadline)
            }
            return result
        }
    }

    /// A copy of the record of `selector`.
    func record(_ selector: UInt64) -> TokenRecord? {
        shard(for: selector).withLock { $0.records[selector] }
    }

    /// Drops tombstones whose retention has ended; returns how many.
    func purge(at now: Timestamp) -> Int {
        var purged = 0
        for shard in shards {
            purged += shard.withLock { shard in
                var count = 0
                while let (deadline, selector) = shard.purgeQueue.popDue(at: now) {
                    guard let record = shard.records[selector], record.state != .pending,
                        record.deadline == deadline
                    else { continue }
                    shard.records[selector] = nil
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

    private func shard(for selector: UInt64) -> Locked<Shard> {
        shards[Int(truncatingIfNeeded: selector & UInt64(Self.shardCount - 1))]
    }
}
