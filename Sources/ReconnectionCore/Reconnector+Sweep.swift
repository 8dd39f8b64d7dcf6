/// Background upkeep and the figures that metrics show.
extension Reconnector {
    /// What one sweep did.
    public struct SweepResult: Hashable, Sendable {
        /// Sessions expired.
        public var expired = 0
        /// The most any of them was past its deadline, in seconds.
        public var maxLatenessSeconds: Double = 0
        /// Idle rooms dropped.
        public var roomsDropped = 0
        /// Tombstones whose retention ended.
        public var tombstonesPurged = 0
    }

    /// Expires due sessions, drops idle rooms and purges old tombstones. Call it about every
    /// 100 ms from one thread; it costs O(due · log n) plus a look at each shard, never a scan
    /// of what is pending.
    @discardableResult
    public func sweep() -> SweepResult {
        let now = clock.now()
        var result = SweepResult()
        for zone in directory.all {
            for shard in zone.shards {
                let (expired, lateness, purged, dropped) = shard.withLock { shard in
                    let expiry = shard.expireDue(at: now, zone: zone, vault: vault)
                    return (expiry.count, expiry.maxLateness, expiry.purged, shard.dropIdleRooms(at: now))
                }
                result.expired += expired
                result.tombstonesPurged += purged
                result.roomsDropped += dropped
                result.maxLatenessSeconds = max(result.maxLatenessSeconds, Double(lateness) / 1e9)
            }
        }
        result.tombstonesPurged += vault.purge(at: now)
        return result
    }

    /// A zone's configuration with its counters.
    public struct ZoneSnapshot: Hashable, Sendable {
        public var configuration: ZoneConfiguration
        public var statistics: ZoneStatistics
    }

    /// Every zone with its counters, sorted by name.
    public func snapshot() -> [ZoneSnapshot] {
        directory.all.map { ZoneSnapshot(configuration: $0.configuration, statistics: $0.statistics) }
    }

    /// One zone's counters, if it exists.
    public func statistics(zone name: String) -> ZoneStatistics? {
        directory[name]?.statistics
    }

    /// Tokens and tombstones held in memory, for memory figures.
    public var tokenRecordCount: Int {
        vault.count
    }
}
