#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where the core reads the time. Injected so tests run on a ``ManualClock`` and never sleep.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// A clock that moves only when told to: for tests, and for simulations in a game server.
public final class ManualClock: WallClock {
    private let current: Atomic<Int64>

    /// Creates a clock stopped at `start`.
    public init(_ start: Timestamp = Timestamp(milliseconds: 1_795_000_000_000)) {
        current = Atomic(start.nanoseconds)
    }

    public func now() -> Timestamp {
        Timestamp(nanoseconds: current.load(ordering: .acquiring))
    }

    /// Moves the clock forward by `seconds` (may be fractional).
    public func advance(seconds: Double) {
        current.add(Int64(seconds * 1e9), ordering: .releasing)
    }

    /// Sets the clock to `instant`.
    public func set(_ instant: Timestamp) {
        current.store(instant.nanoseconds, ordering: .releasing)
    }
}
