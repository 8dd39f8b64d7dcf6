/// What a disconnect hands the game server: the token, and the window it bought.
public struct DisconnectReceipt: Hashable, Sendable {
    /// The single-use rejoin token. Give it to the player only; never log it.
    public var token: RejoinToken
    /// The zone, room and player it is bound to.
    public var zone: String
    public var room: String
    public var player: String
    /// The phase whose window applied (``ZoneSettings/basePhase`` for the base window).
    public var phase: String
    /// The window, in seconds.
    public var graceSeconds: Int
    /// When the disconnect was registered.
    public var disconnectedAt: Timestamp
    /// When the token stops working.
    public var expiresAt: Timestamp
    /// The room's newest event sequence at disconnect (0 if none).
    public var lastSequence: UInt64
}

/// A successful reconnection: who came back, after how long, and what they missed.
public struct Reconnection: Hashable, Sendable {
    public var zone: String
    public var room: String
    public var player: String
    /// Whether the player held authority (e.g. host) when it dropped.
    public var authority: Bool
    /// Seconds from disconnect to this reconnection.
    public var disconnectedSeconds: Double
    /// The missed events.
    public var replay: Replay
}

/// A pending session as listings show it: never with its token.
public struct PendingSession: Hashable, Sendable {
    public var room: String
    public var player: String
    public var phase: String
    public var authority: Bool
    public var disconnectedAt: Timestamp
    public var expiresAt: Timestamp

    /// Seconds left in the window at `now` (0 once passed).
    public func remainingSeconds(at now: Timestamp) -> Double {
        max(0, expiresAt.seconds(since: now))
    }
}

/// Where a listing of pending sessions resumes: after this room and player.
public struct SessionCursor: Hashable, Sendable, Comparable {
    public var room: String
    public var player: String

    /// Creates a cursor.
    public init(room: String, player: String) {
        self.room = room
        self.player = player
    }

    public static func < (lhs: SessionCursor, rhs: SessionCursor) -> Bool {
        (lhs.room, lhs.player) < (rhs.room, rhs.player)
    }
}

/// One page of pending sessions, ordered by room then player.
public struct SessionPage: Hashable, Sendable {
    /// The sessions of this page.
    public var sessions: [PendingSession]
    /// Where the next page starts, or `nil` when this is the last.
    public var next: SessionCursor?
}
