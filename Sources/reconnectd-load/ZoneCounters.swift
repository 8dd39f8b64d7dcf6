import MicroHTTP

/// A zone's counters as `/metrics` shows them, and the invariant of API.md:
/// `issued = completions + expirations + cancellations + active`.
struct ZoneCounters: Equatable {
    var issued: UInt64 = 0
    var active: UInt64 = 0
    var completions: UInt64 = 0
    var expirations: UInt64 = 0
    /// Summed over every reason.
    var cancellations: UInt64 = 0
    /// Summed over every reason.
    var validationFailures: UInt64 = 0

    var isBalanced: Bool {
        issued == completions + expirations + cancellations + active
    }

    /// Scrapes `/metrics` and reads `zone`'s series.
    /// - Throws: ``LoadError`` when the scrape fails or the zone has no series.
    static func scrape(_ connection: HTTPClientConnection, zone: String) throws -> ZoneCounters {
        let response: HTTPClientResponse
        do {
            response = try connection.send(method: "GET", path: "/metrics")
        } catch {
            throw LoadError("cannot scrape /metrics: \(error)")
        }
        guard response.status == 200 else { throw LoadError("/metrics answered HTTP \(response.status)") }
        var counters = ZoneCounters()
        var seen = false
        let label = #"zone="\#(zone)""#
        for line in String(decoding: response.body, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let brace = line.firstIndex(of: "{"), let close = line.firstIndex(of: "}"),
                line[brace..<close].split(separator: ",").contains(where: { $0.hasSuffix(label) }),
                let value = line.split(separator: " ").last.flatMap({ Double($0) }).map({ UInt64($0) })
            else { continue }
            seen = true
            switch line[..<brace] {
            case "reconnection_tokens_issued_total": counters.issued = value
            case "reconnection_sessions_active": counters.active = value
            case "reconnection_completions_total": counters.completions = value
            case "reconnection_expirations_total": counters.expirations = value
            case "reconnection_cancellations_total": counters.cancellations += value
            case "reconnection_validation_failures_total": counters.validationFailures += value
            default: break
            }
        }
        guard seen else { throw LoadError("/metrics has no series for zone \(zone)") }
        return counters
    }
}

/// A reason the run cannot start or finish, printed as one line.
struct LoadError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
