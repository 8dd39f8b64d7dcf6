/// Request latencies in microseconds, in buckets about 0.1% wide: exact below 1,024 µs, then
/// 512 sub-buckets per power of two. Fixed memory however many requests a run makes.
struct LatencyHistogram {
    private static let exactLimit: UInt64 = 1024
    private static let subBuckets = 512
    private var counts = [UInt64](repeating: 0, count: Int(exactLimit) + 54 * subBuckets)
    private(set) var count: UInt64 = 0
    private(set) var maximum: UInt64 = 0

    /// Records one latency.
    mutating func record(microseconds value: UInt64) {
        counts[Self.bucket(of: value)] += 1
        count += 1
        maximum = max(maximum, value)
    }

    /// Adds another histogram's observations.
    mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
        count += other.count
        maximum = max(maximum, other.maximum)
    }

    /// The latency at `quantile` (0...1), in microseconds: the upper edge of its bucket.
    func percentile(_ quantile: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        let rank = max(1, UInt64((quantile * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return min(Self.upperEdge(of: index), maximum) }
        }
        return maximum
    }

    private static func bucket(of value: UInt64) -> Int {
        guard value >= exactLimit else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount  // at least 10
        let shift = exponent - 9  // keep 9 bits below the leading one
        let sub = Int((value >> UInt64(shift)) & UInt64(subBuckets - 1))
        return Int(exactLimit) + (exponent - 10) * subBuckets + sub
    }

    private static func upperEdge(of index: Int) -> UInt64 {
        guard index >= Int(exactLimit) else { return UInt64(index) }
        let offset = index - Int(exactLimit)
        let exponent = offset / subBuckets + 10
        let sub = UInt64(offset % subBuckets)
        let shift = UInt64(exponent - 9)
        return ((UInt64(subBuckets) + sub + 1) << shift) - 1
    }
}
