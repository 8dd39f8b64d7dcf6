import Dispatch
import Synchronization

/// Counts requests between their first access-handler call and their completion, so a
/// graceful stop can wait for them.
///
/// The count is an atomic because every request touches it from a worker thread; the semaphore
/// is only signalled while a stop is draining, so the hot path pays one atomic add and one load.
final class InFlightRequests: Sendable {
    private let count = Atomic<Int>(0)
    private let draining = Atomic<Bool>(false)
    /// Signalled each time the count drops to zero during a drain. Extra signals are harmless:
    /// the waiter re-checks the count after every wake-up.
    private let becameIdle = DispatchSemaphore(value: 0)

    /// The number of requests currently in flight.
    var current: Int { count.load(ordering: .acquiring) }

    /// Whether a stop has begun waiting for requests.
    var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Records a request that has started.
    func begin() {
        count.add(1, ordering: .relaxed)
    }

    /// Records a request that has completed (answered, or its connection gone).
    func end() {
        // Sequentially consistent on both sides (here and in waitUntilIdle), or the waiter and
        // this thread could each miss the other's write and the stop would sleep to its timeout.
        let remaining = count.subtract(1, ordering: .sequentiallyConsistent).newValue
        if remaining == 0, draining.load(ordering: .sequentiallyConsistent) {
            becameIdle.signal()
        }
    }

    /// Blocks until no request is in flight or `timeout` has passed.
    /// - Parameter timeout: the longest wait.
    /// - Returns: `true` when the count reached zero, `false` on timeout.
    func waitUntilIdle(timeout: Duration) -> Bool {
        // Set before the first check: an end() that races with it either sees the flag and
        // signals, or finished before the check below and is seen as a zero count.
        draining.store(true, ordering: .sequentiallyConsistent)
        let deadline = Self.deadline(after: timeout)
        while count.load(ordering: .sequentiallyConsistent) > 0 {
            if becameIdle.wait(timeout: deadline) == .timedOut {
                return count.load(ordering: .sequentiallyConsistent) == 0
            }
        }
        return true
    }

    private static func deadline(after duration: Duration) -> DispatchTime {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return .now() }
        guard seconds < 100 * 365 * 86_400 else { return .distantFuture }
        return .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
