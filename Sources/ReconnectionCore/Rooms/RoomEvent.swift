/// An event a room said, as buffered for replay.
public struct RoomEvent: Hashable, Sendable {
    /// The room's sequence number: from 1, never repeated while the room lives.
    public var sequence: UInt64
    /// When it was buffered.
    public var at: Timestamp
    /// The game's event type (``NameRule/eventType``).
    public var type: String
    /// The game's payload, opaque to the core (the HTTP API stores the JSON text).
    public var payload: [UInt8]

    /// Creates an event.
    public init(sequence: UInt64, at: Timestamp, type: String, payload: [UInt8]) {
        self.sequence = sequence
        self.at = at
        self.type = type
        self.payload = payload
    }
}

/// An event to append to a room: its type and payload; the room assigns the sequence.
public struct NewRoomEvent: Hashable, Sendable {
    /// The most events one append may carry.
    public static let maxBatch = 1000
    /// The largest payload, in bytes.
    public static let maxPayloadBytes = 64 * 1024

    /// The game's event type.
    public var type: String
    /// The game's payload.
    public var payload: [UInt8]

    /// Creates an event to append.
    public init(type: String, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }
}

/// What a reconnection hands back to the player: the events missed since its last sequence.
public struct Replay: Hashable, Sendable {
    /// Buffered events after the requested sequence, oldest first.
    public var events: [RoomEvent]
    /// Whether `events` starts right after the requested sequence; when `false`, some were evicted.
    public var isComplete: Bool

    /// Whether the player needs a full snapshot from the game server.
    public var snapshotRequired: Bool { !isComplete }
}
