import ReconnectionCore

/// Requests a limit refused before their handler ran, by reason:
/// `reconnection_http_rejections_total{reason}`. Not in API.md's table (an addition).
final class RequestRejections: Sendable {
    /// Why a request was refused.
    enum Reason: Int, CaseIterable, Sendable {
        case bodyTooLarge, headersTooLarge, malformedRequest, tooManyFailures

        var label: String {
            switch self {
            case .bodyTooLarge: "body_too_large"
            case .headersTooLarge: "headers_too_large"
            case .malformedRequest: "malformed_request"
            case .tooManyFailures: "too_many_failures"
            }
        }
    }

    private let counts = Locked([UInt64](repeating: 0, count: Reason.allCases.count))

    /// Counts one rejection.
    func count(_ reason: Reason) {
        counts.withLock { $0[reason.rawValue] += 1 }
    }

    /// The count for one reason.
    func count(of reason: Reason) -> UInt64 {
        counts.withLock { $0[reason.rawValue] }
    }

    /// Writes the family, every reason included from the first scrape.
    func write(into buffer: inout ExpositionBuffer) {
        let figures = counts.withLock { $0 }
        buffer.header(.httpRejections)
        for reason in Reason.allCases {
            buffer.sample(.httpRejections, ExpositionBuffer.label("reason", reason.label), figures[reason.rawValue])
        }
    }
}

extension MetricFamily {
    static let httpRejections = MetricFamily(
        name: "reconnection_http_rejections_total", kind: .counter,
        help: "Requests refused by a limit before they were handled, by reason.")
}
