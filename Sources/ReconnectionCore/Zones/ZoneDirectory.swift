/// Zones by name, sharded so that lookups on the hot path of different zones do not share a lock.
final class ZoneDirectory: Sendable {
    private static let shardCount = 16
    private let shards: [Locked<[String: Zone]>]

    init() {
        shards = (0..<Self.shardCount).map { _ in Locked([:]) }
    }

    subscript(name: String) -> Zone? {
        shard(for: name).withLock { $0[name] }
    }

    func insert(_ zone: Zone) {
        shard(for: zone.name).withLock { $0[zone.name] = zone }
    }

    func remove(_ name: String) {
        shard(for: name).withLock { $0[name] = nil }
    }

    /// Every zone, sorted by name.
    var all: [Zone] {
        shards.flatMap { shard in shard.withLock { Array($0.values) } }.sorted { $0.name < $1.name }
    }

    private func shard(for name: String) -> Locked<[String: Zone]> {
        var hasher = Hasher()
        hasher.combine(name)
        return shards[Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.shardCount))]
    }
}
