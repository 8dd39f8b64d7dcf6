import Foundation

/// The end-of-run report: one row per request kind, then the daemon's counters.
enum Summary {
    static func table(_ tally: WorkerTally, seconds: Double) -> String {
        var lines = [
            "kind         count   errors      req/s   p50 ms   p95 ms   p99 ms   max ms",
        ]
        var total: UInt64 = 0
        for kind in RequestKind.allCases {
            let latencies = tally.latencies[kind.rawValue]
            total += latencies.count
            lines.append(
                pad(kind.name, 10)
                    + String(
                        format: " %7llu %8d %10.0f %8.2f %8.2f %8.2f %8.2f", latencies.count,
                        tally.errors[kind.rawValue], Double(latencies.count) / seconds,
                        millis(latencies.percentile(0.50)), millis(latencies.percentile(0.95)),
                        millis(latencies.percentile(0.99)), millis(latencies.maximum)))
        }
        lines.append(pad("all", 10) + String(format: " %7llu %8d %10.0f", total, tally.errors.reduce(0, +), Double(total) / seconds))
        return lines.joined(separator: "\n")
    }

    static func counters(_ before: ZoneCounters, _ after: ZoneCounters, zone: String) -> String {
        let rows: [(String, UInt64, UInt64)] = [
            ("tokens_issued", before.issued, after.issued),
            ("completions", before.completions, after.completions),
            ("expirations", before.expirations, after.expirations),
            ("cancellations", before.cancellations, after.cancellations),
            ("sessions_active", before.active, after.active),
            ("validation_failures", before.validationFailures, after.validationFailures),
        ]
        var lines = [pad("counters of zone \(zone)", 22) + "       before        after        delta"]
        for (name, old, new) in rows {
            lines.append(pad(name, 22) + String(format: " %12llu %12llu %12lld", old, new, Int64(bitPattern: new &- old)))
        }
        let verdict = after.isBalanced ? "holds" : "BROKEN"
        lines.append(
            "invariant issued = completions + expirations + cancellations + active: "
                + "\(after.issued) = \(after.completions) + \(after.expirations) + \(after.cancellations) + \(after.active): \(verdict)")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func millis(_ micros: UInt64) -> Double {
        Double(micros) / 1000
    }
}
