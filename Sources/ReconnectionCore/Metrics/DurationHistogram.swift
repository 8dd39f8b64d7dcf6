/// Reconnect durations (disconnect → successful reconnect) in fixed buckets.
public struct DurationHistogram: Hashable, Sendable {
    /// Upper bounds in seconds, for the `le` label; the `+Inf` bucket is implied. Fine below
    /// 10 s, where most blips end and quantiles would otherwise be guesses.
    public static let bounds: [Double] = [
        0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1800, 3600,
    ]

    /// Observations per bucket, not cumulative; the last entry counts those above every bound.
    public private(set) var bucketCounts = [UInt64](repeating: 0, count: bounds.count + 1)
    /// The sum of all observations, in seconds.
    public private(set) var sum: Double = 0
    /// How many observations.
    public private(set) var count: UInt64 = 0

    /// Creates an empty histogram.
    public init() {}

    /// Records one duration.
    public mutating func observe(_ seconds: Double) {
        var index = 0
        while index < Self.bounds.count && seconds > Self.bounds[index] { index += 1 }
        bucketCounts[index] += 1
        sum += seconds
        count += 1
    }

    /// Cumulative counts per bound, `+Inf` last, as Prometheus exposes them.
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return bucketCounts.map { running += $0; return running }
    }

    /// Adds another histogram's observations.
    public mutating func merge(_ other: DurationHistogram) {
        for index in bucketCounts.indices { bucketCounts[index] += other.bucketCounts[index] }
        sum += other.sum
        count += other.count
    }
}
