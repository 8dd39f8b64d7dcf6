/// The HTTP series of one route template and method.
struct HTTPRouteKey: Hashable, Sendable, Comparable {
    /// The route template, e.g. `/v1/zones/{zone}`.
    var route: String
    /// The request method, e.g. `GET`.
    var method: String

    static func < (lhs: HTTPRouteKey, rhs: HTTPRouteKey) -> Bool {
        (lhs.route, lhs.method) < (rhs.route, rhs.method)
    }
}

/// What was counted for one route and method: requests by status code, and their durations.
struct HTTPRouteSeries: Sendable, Equatable {
    /// Requests by status code.
    var requestsByStatus: [Int: UInt64] = [:]
    /// Durations per bucket of ``HTTPMetrics/layout``, not cumulative; the last entry counts
    /// those above every bound.
    var bucketCounts = [UInt64](repeating: 0, count: HTTPMetrics.layout.bounds.count + 1)
    /// The sum of the durations, in seconds.
    var durationSum: Double = 0

    /// Counts one request that fell in duration bucket `bucket`.
    mutating func record(status: Int, seconds: Double, bucket: Int) {
        requestsByStatus[status, default: 0] &+= 1
        bucketCounts[bucket] &+= 1
        durationSum += seconds
    }

    /// Adds another stripe's figures.
    mutating func merge(_ other: HTTPRouteSeries) {
        for (status, count) in other.requestsByStatus { requestsByStatus[status, default: 0] &+= count }
        for index in bucketCounts.indices { bucketCounts[index] &+= other.bucketCounts[index] }
        durationSum += other.durationSum
    }
}
