/// A wall-clock instant: nanoseconds since the Unix epoch, UTC.
///
/// Wall time rather than a monotonic instant because every deadline is also shown to
/// people and game servers as an RFC 3339 time.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanoseconds: Int64

    /// Creates a timestamp from nanoseconds since the Unix epoch.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Creates a timestamp from whole milliseconds since the Unix epoch.
    public init(milliseconds: Int64) {
        self.nanoseconds = milliseconds * 1_000_000
    }

    /// Whole milliseconds since the Unix epoch, rounded down.
    public var milliseconds: Int64 {
        nanoseconds.dividedRoundingDown(by: 1_000_000)
    }

    /// The instant `seconds` later (earlier when negative).
    public func adding(seconds: Int) -> Timestamp {
        Timestamp(nanoseconds: nanoseconds + Int64(seconds) * 1_000_000_000)
    }

    /// Seconds from `earlier` to `self`, as a fraction.
    public func seconds(since earlier: Timestamp) -> Double {
        Double(nanoseconds - earlier.nanoseconds) / 1e9
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

extension Int64 {
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
