#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReconnectionCore

/// Counts every HTTP request by route template, method and status, with its duration.
///
/// ``record(route:method:status:seconds:)`` runs on every request from all of the server's
/// threads, so the figures are striped over several locks chosen by the calling thread: two
/// threads rarely meet on one lock, and a scrape merges the stripes.
final class HTTPMetrics: Sendable {
    /// Duration buckets for a fast local service, in seconds.
    static let layout = HistogramLayout(bounds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5])
    /// Stripes: comfortably more than the cores of the machines reconnectd runs on.
    static let stripeCount = 16

    private let stripes: [Stripe]

    /// Creates empty metrics.
    init() {
        stripes = (0..<Self.stripeCount).map { _ in Stripe() }
    }

    /// Counts one answered request.
    /// - Parameters:
    ///   - route: the route template (e.g. `/v1/zones/{zone}`), never the raw URL: the caller
    ///     keeps the set of values bounded.
    ///   - method: the request method.
    ///   - status: the response's status code.
    ///   - seconds: how long the request took.
    func record(route: String, method: String, status: Int, seconds: Double) {
        let bucket = Self.layout.bucket(for: seconds)
        stripes[Self.currentStripe()].series.withLock { series in
            // A short list searched in order rather than a dictionary: there are a few dozen
            // route and method pairs at most, the route is one of a few literals (equal strings
            // compare at once), and hashing two strings per request cost more than the search.
            if let index = series.firstIndex(where: { $0.key.route == route && $0.key.method == method }) {
                series[index].figures.record(status: status, seconds: seconds, bucket: bucket)
            } else {
                var figures = HTTPRouteSeries()
                figures.record(status: status, seconds: seconds, bucket: bucket)
                series.append((HTTPRouteKey(route: route, method: method), figures))
            }
        }
    }

    /// Every stripe's figures added up, by route and method.
    func merged() -> [HTTPRouteKey: HTTPRouteSeries] {
        var total: [HTTPRouteKey: HTTPRouteSeries] = [:]
        for stripe in stripes {
            // Merged under the stripe's lock rather than copied out: a copy would make the
            // stripe's next writer duplicate its whole table.
            stripe.series.withLock { series in
                for (key, figures) in series { total[key, default: HTTPRouteSeries()].merge(figures) }
            }
        }
        return total
    }

    /// The calling thread's stripe: a hash of its pthread id, which costs no lookup.
    private static func currentStripe() -> Int {
        #if canImport(Darwin)
        let thread = UInt(bitPattern: pthread_self())
        #else
        let thread = UInt(pthread_self())
        #endif
        // Fibonacci hashing: thread ids are aligned addresses whose low bits are all alike;
        // the multiplication carries their differences into the high bits, which are used.
        let mixed = UInt64(truncatingIfNeeded: thread) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: (mixed >> 32) % UInt64(stripeCount))
    }

    /// One lock and its share of the figures.
    private final class Stripe: Sendable {
        let series = Locked<[(key: HTTPRouteKey, figures: HTTPRouteSeries)]>([])
        /// Keeps two stripes' locks off one cache line, where they would contend as one lock.
        private let padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    }
}
