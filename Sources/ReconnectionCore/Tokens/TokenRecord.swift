/// What the vault knows of one token: its binding, its session while pending, and afterwards
/// a tombstone that lets a late or replayed token hear the precise answer.
struct TokenRecord: Sendable {
    enum State: UInt8, Sendable {
        case pending, redeemed, expired, rotated, roomClosed, cancelled
    }

    var verifier: UInt64
    var zone: ZoneID
    var state: State
    var authority: Bool
    var room: String
    var player: String
    /// The phase whose window applied (`default` for the base window).
    var phase: String
    var disconnectedAt: Timestamp
    /// The room's newest event at disconnect: where replay starts unless the player says otherwise.
    var lastSequence: UInt64
    /// While pending: when the session expires. Afterwards: until when the tombstone is kept.
    var deadline: Timestamp

    /// What an emptied place of a ``RecordTable`` holds until it is reused.
    static let vacant = TokenRecord(
        verifier: 0, zone: ZoneID(rawValue: 0), state: .cancelled, authority: false, room: "", player: "",
        phase: "", disconnectedAt: Timestamp(nanoseconds: 0), lastSequence: 0, deadline: Timestamp(nanoseconds: 0))

    /// The grace window this session was given, in seconds.
    var windowSeconds: Int {
        Int((deadline.nanoseconds - disconnectedAt.nanoseconds) / 1_000_000_000)
    }

    /// The failure a redeem of this tombstone reports.
    var rejection: ValidationFailureReason? {
        switch state {
        case .pending: nil
        case .redeemed: .reused
        case .expired: .expired
        case .rotated: .rotated
        case .roomClosed: .roomClosed
        case .cancelled: .cancelled
        }
    }

    /// Ends the pending session as expired. A late client hears `token_expired` for at least
    /// 60 s, and at least one more window, after the deadline.
    mutating func expire() {
        let window = max(deadline.nanoseconds - disconnectedAt.nanoseconds, 0)
        state = .expired
        deadline = Timestamp(nanoseconds: deadline.nanoseconds + max(60_000_000_000, window))
    }
}

/// A zone's identity inside the process: unlike its name, never reused after a delete.
struct ZoneID: Hashable, Sendable {
    var rawValue: UInt32
}
