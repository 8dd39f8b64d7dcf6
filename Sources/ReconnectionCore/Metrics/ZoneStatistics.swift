/// A zone's counters at one moment.
///
/// Every counter changes under the lock of the shard whose session it concerns, in the same
/// step as the session's state, so each shard's figures satisfy
/// `tokensIssued == completions + expirations + cancellations + activeSessions` whenever its
/// lock is free — and so does their sum, however the shards were read.
public struct ZoneStatistics: Hashable, Sendable {
    /// Tokens handed out, rotations included.
    public var tokensIssued: UInt64 = 0
    /// Sessions pending now.
    public var activeSessions: UInt64 = 0
    /// Successful reconnections.
    public var completions: UInt64 = 0
    /// Sessions whose grace window passed.
    public var expirations: UInt64 = 0
    /// Sessions ended otherwise, by reason (indexed by ``CancellationReason/rawValue``).
    public var cancellations = [UInt64](repeating: 0, count: CancellationReason.allCases.count)
    /// Failed redeems, by reason (indexed by ``ValidationFailureReason/rawValue``).
    public var validationFailures = [UInt64](repeating: 0, count: ValidationFailureReason.allCases.count)
    /// Events appended to the zone's rooms.
    public var eventsBuffered: UInt64 = 0
    /// Events handed back by reconnections.
    public var eventsReplayed: UInt64 = 0
    /// Events dropped from full buffers.
    public var eventsEvicted: UInt64 = 0
    /// Reconnect durations.
    public var reconnectDurations = DurationHistogram()

    /// Creates zeroed statistics.
    public init() {}

    /// All cancellations, whatever the reason.
    public var totalCancellations: UInt64 { cancellations.reduce(0, +) }

    /// The cancellations for one reason.
    public func cancellations(_ reason: CancellationReason) -> UInt64 {
        cancellations[reason.rawValue]
    }

    /// The validation failures for one reason.
    public func validationFailures(_ reason: ValidationFailureReason) -> UInt64 {
        validationFailures[reason.rawValue]
    }

    /// Whether the counter invariant of API.md holds.
    public var isBalanced: Bool {
        tokensIssued == completions + expirations + totalCancellations + activeSessions
    }

    mutating func countCancellation(_ reason: CancellationReason, _ count: UInt64 = 1) {
        cancellations[reason.rawValue] += count
        activeSessions -= count
    }

    mutating func countFailure(_ reason: ValidationFailureReason) {
        validationFailures[reason.rawValue] += 1
    }

    /// Adds another shard's figures.
    mutating func merge(_ other: ZoneStatistics) {
        tokensIssued += other.tokensIssued
        activeSessions += other.activeSessions
        completions += other.completions
        expirations += other.expirations
        for index in cancellations.indices { cancellations[index] += other.cancellations[index] }
        for index in validationFailures.indices { validationFailures[index] += other.validationFailures[index] }
        eventsBuffered += other.eventsBuffered
        eventsReplayed += other.eventsReplayed
        eventsEvicted += other.eventsEvicted
        reconnectDurations.merge(other.reconnectDurations)
    }
}
