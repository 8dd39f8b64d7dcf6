/// Zones by name, sharded so that lookups on the hot path of different zones do not share a lock.
final class ZoneDirectory: Sendable {
    /// One shard's zones, and the one looked up last.
    private struct Shard: Sendable {
        var zones: [String: Zone] = [:]
        /// Every data-plane request looks its zone up, and traffic tends to stay in one zone a
        /// while: comparing one name is a few instructions where the dictionary hashes it.
        var recent: Zone?

        func find(_ name: String) -> Zone? {
            if let recent, recent.name == name { return recent }
            return zones[name]
        }
    }

    private static let shardCount = 16
    private let shards: [Locked<Shard>]

    init() {
        shards = (0..<Self.shardCount).map { _ in Locked(Shard()) }
    }

    subscript(name: String) -> Zone? {
        shard(for: name).withLock { shard in
            let zone = shard.find(name)
            if let zone, zone !== shard.recent { shard.recent = zone }
            return zone
        }
    }

    func insert(_ zone: Zone) {
        shard(for: zone.name).withLock { shard in
            shard.zones[zone.name] = zone
            if shard.recent?.name == zone.name { shard.recent = zone }
        }
    }

    func remove(_ name: String) {
        shard(for: name).withLock { shard in
            shard.zones[name] = nil
            if shard.recent?.name == name { shard.recent = nil }
        }
    }

    /// Every zone, sorted by name.
    var all: [Zone] {
        shards.flatMap { shard in shard.withLock { Array($0.zones.values) } }.sorted { $0.name < $1.name }
    }

    private func shard(for name: String) -> Locked<Shard> {
        shards[ShardPicker.index(of: name, shardCount: Self.shardCount)]
    }
}
