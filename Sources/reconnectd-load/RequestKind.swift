import Synchronization

/// The requests a load run makes, each with the status a success answers.
enum RequestKind: Int, CaseIterable {
    case disconnect, reconnect, event

    var name: String {
        switch self {
        case .disconnect: "disconnect"
        case .reconnect: "reconnect"
        case .event: "event"
        }
    }

    var expectedStatus: Int {
        switch self {
        case .disconnect, .event: 201
        case .reconnect: 200
        }
    }
}

/// Live counts of one worker, read by the progress reporter while the worker runs.
final class LiveCounts: Sendable {
    private let disconnects = Atomic<Int>(0)
    private let reconnects = Atomic<Int>(0)
    private let events = Atomic<Int>(0)
    private let failed = Atomic<Int>(0)
    /// Players of this worker who are away now (disconnected, not yet reconnected).
    let away = Atomic<Int>(0)

    func count(_ kind: RequestKind) {
        switch kind {
        case .disconnect: disconnects.add(1, ordering: .relaxed)
        case .reconnect: reconnects.add(1, ordering: .relaxed)
        case .event: events.add(1, ordering: .relaxed)
        }
    }

    func countError() {
        failed.add(1, ordering: .relaxed)
    }

    func requests(_ kind: RequestKind) -> Int {
        switch kind {
        case .disconnect: disconnects.load(ordering: .relaxed)
        case .reconnect: reconnects.load(ordering: .relaxed)
        case .event: events.load(ordering: .relaxed)
        }
    }

    var errors: Int { failed.load(ordering: .relaxed) }
}

/// What one worker measured, merged into the summary at the end.
struct WorkerTally {
    var latencies = [LatencyHistogram](repeating: LatencyHistogram(), count: RequestKind.allCases.count)
    var errors = [Int](repeating: 0, count: RequestKind.allCases.count)
    /// The first few error messages, to print.
    var samples: [String] = []

    mutating func merge(_ other: WorkerTally) {
        for kind in RequestKind.allCases {
            latencies[kind.rawValue].merge(other.latencies[kind.rawValue])
            errors[kind.rawValue] += other.errors[kind.rawValue]
        }
        samples += other.samples.prefix(max(0, 5 - samples.count))
    }
}
