import Testing
@testable import ReconnectionCore

/// A core on a stopped clock with one zone, `z`, so every test states its own settings.
struct Harness {
    static let zone = "z"
    let clock: ManualClock
    let core: Reconnector

    init(_ settings: ZoneSettings = ZoneSettings()) throws {
        clock = ManualClock()
        core = Reconnector(clock: clock)
        try core.putZone(named: Self.zone, settings: settings)
    }

    var now: Timestamp { clock.now() }

    /// The zone's counters (it must exist).
    var stats: ZoneStatistics { core.statistics(zone: Self.zone)! }

    @discardableResult
    func disconnect(_ room: String = "r", _ player: String = "p", phase: String? = nil, authority: Bool = false) throws -> DisconnectReceipt {
        try core.disconnect(zone: Self.zone, room: room, player: player, phase: phase, authority: authority)
    }

    @discardableResult
    func redeem(_ receipt: DisconnectReceipt, lastSequence: UInt64? = nil) throws -> Reconnection {
        try core.redeem(zone: receipt.zone, room: receipt.room, player: receipt.player, token: receipt.token.text, lastSequence: lastSequence)
    }

    /// Appends `count` events named `e1`, `e2`, … (by the order of the call) to `room`.
    @discardableResult
    func append(_ count: Int, to room: String = "r") throws -> ClosedRange<UInt64> {
        let events = (1...count).map { NewRoomEvent(type: "e\($0)", payload: Array("\($0)".utf8)) }
        return try core.append(events, zone: Self.zone, room: room)
    }

    /// Pending sessions of the zone, every page.
    func allPending(room: String? = nil) throws -> [PendingSession] {
        try core.pendingSessions(zone: Self.zone, room: room, limit: 1000).sessions
    }
}

/// The error `body` throws, or `nil` when it returns.
func failure(_ body: () throws -> Void) -> ReconnectionError? {
    do {
        try body()
        return nil
    } catch let error as ReconnectionError {
        return error
    } catch {
        return nil
    }
}

/// The field an `invalidField` error names, or `nil` for any other outcome.
func invalidFieldName(_ body: () throws -> Void) -> String? {
    guard case .invalidField(let field)? = failure(body) else { return nil }
    return field.field
}

/// Runs `body`, expects it to throw `expected`, and expects exactly one more validation failure
/// counted: under `reason`, and none under any other.
func expectRejected(
    _ harness: Harness, _ expected: ReconnectionError, counting reason: ValidationFailureReason,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    let before = harness.stats
    #expect(failure(body) == expected, sourceLocation: sourceLocation)
    let after = harness.stats
    #expect(after.validationFailures(reason) == before.validationFailures(reason) + 1, sourceLocation: sourceLocation)
    for other in ValidationFailureReason.allCases where other != reason {
        #expect(after.validationFailures(other) == before.validationFailures(other), "\(other) not counted", sourceLocation: sourceLocation)
    }
}

/// A seeded generator, so randomized tests replay the same sequence on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Timestamp {
    /// `self` plus whole seconds plus nanoseconds.
    func plus(seconds: Int = 0, nanoseconds: Int64 = 0) -> Timestamp {
        Timestamp(nanoseconds: adding(seconds: seconds).nanoseconds + nanoseconds)
    }
}
