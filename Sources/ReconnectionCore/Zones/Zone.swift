import Synchronization

/// A live zone: its configuration and its rooms, spread over shards.
final class Zone: Sendable {
    /// Shards per zone: enough that the cores of a large machine rarely meet on one lock.
    static let shardCount = 16
    /// Added to the pending count when the zone is retired, so that every later reservation
    /// sees a negative count and fails, without taking a lock.
    private static let retiredOffset = Int.min / 2

    let id: ZoneID
    let name: String
    let shards: [Locked<ZoneShard>]
    private let current: Locked<ZoneConfiguration>
    /// Pending sessions in all shards, for `max_pending_sessions` without summing shards.
    private let pendingCount = Atomic<Int>(0)

    init(id: ZoneID, configuration: ZoneConfiguration) {
        self.id = id
        name = configuration.name
        current = Locked(configuration)
        shards = (0..<Self.shardCount).map { _ in Locked(ZoneShard(settings: configuration.settings)) }
    }

    var configuration: ZoneConfiguration {
        current.withLock { $0 }
    }

    /// The shard that holds `room`.
    func shard(for room: String) -> Locked<ZoneShard> {
        shards[ShardPicker.index(of: room, shardCount: Self.shardCount)]
    }

    /// Swaps in a new configuration; every later disconnect uses it.
    func install(_ configuration: ZoneConfiguration, rebasing: Bool, vault: TokenVault) {
        current.withLock { $0 = configuration }
        for shard in shards {
            shard.withLock { $0.install(configuration.settings, rebasing: rebasing, vault: vault) }
        }
    }

    /// Takes one pending slot, or throws if the zone is full or retired.
    func reservePendingSlot(limit: Int) throws(ReconnectionError) {
        let count = pendingCount.wrappingAdd(1, ordering: .relaxed).newValue
        guard count > 0, count <= limit else {
            pendingCount.wrappingSubtract(1, ordering: .relaxed)
            throw count <= 0 ? .zoneNotFound : .zoneFull(limit: limit)
        }
    }

    func releasePendingSlots(_ count: Int) {
        if count > 0 { pendingCount.wrappingSubtract(count, ordering: .relaxed) }
    }

    /// Pending sessions now.
    var pendingSessions: Int {
        max(0, pendingCount.load(ordering: .relaxed))
    }

    /// Stops new sessions. Without `force` only while none is pending.
    /// - Throws: ``ReconnectionError/zoneHasPendingSessions(count:)``.
    func beginRetirement(force: Bool) throws(ReconnectionError) {
        if force {
            pendingCount.wrappingAdd(Self.retiredOffset, ordering: .relaxed)
            return
        }
        let (exchanged, found) = pendingCount.compareExchange(expected: 0, desired: Self.retiredOffset, ordering: .relaxed)
        guard exchanged else { throw .zoneHasPendingSessions(count: found) }
    }

    /// Undoes ``beginRetirement(force:)`` when the change could not be made durable.
    func abortRetirement() {
        pendingCount.wrappingSubtract(Self.retiredOffset, ordering: .relaxed)
    }

    /// Cancels what is pending and frees every room.
    func retire(vault: TokenVault) {
        for shard in shards {
            shard.withLock { $0.retire(zone: self, vault: vault) }
        }
    }

    /// The zone's counters, summed over its shards.
    var statistics: ZoneStatistics {
        shards.reduce(into: ZoneStatistics()) { total, shard in
            total.merge(shard.withLock { $0.statistics })
        }
    }
}
