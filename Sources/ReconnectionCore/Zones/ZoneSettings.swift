/// What an operator can change about a zone: its grace windows and limits.
///
/// A value type: a change builds a new value and swaps it in whole, so a disconnect sees
/// either the old settings or the new ones, never a mixture.
public struct ZoneSettings: Hashable, Sendable {
    /// Whether disconnects get tokens and tokens can be redeemed.
    public var reconnectionEnabled: Bool
    /// The base grace window, in seconds (1...86400).
    public var graceSeconds: Int
    /// Grace windows by match phase, in seconds; at most 16 phases.
    public var phaseGraceSeconds: [String: Int]
    /// How many of a room's newest events are kept for replay (0...100000).
    public var eventBufferSize: Int
    /// How many sessions the zone may hold pending at once (1...10000000).
    public var maxPendingSessions: Int

    /// The name of the base window when a phase is reported.
    public static let basePhase = "default"
    /// Limits of API.md.
    public static let graceRange = 1...86_400
    public static let eventBufferRange = 0...100_000
    public static let maxPendingRange = 1...10_000_000
    public static let maxPhases = 16

    /// Creates settings; omitted values take the defaults of API.md.
    public init(
        reconnectionEnabled: Bool = true,
        graceSeconds: Int = 300,
        phaseGraceSeconds: [String: Int] = [:],
        eventBufferSize: Int = 100,
        maxPendingSessions: Int = 100_000
    ) {
        self.reconnectionEnabled = reconnectionEnabled
        self.graceSeconds = graceSeconds
        self.phaseGraceSeconds = phaseGraceSeconds
        self.eventBufferSize = eventBufferSize
        self.maxPendingSessions = maxPendingSessions
    }

    /// The window that applies to a disconnect in `phase`: the phase's own when configured,
    /// else the base window, named ``basePhase``.
    public func window(for phase: String?) -> (phase: String, seconds: Int) {
        if let phase, let seconds = phaseGraceSeconds[phase] {
            // The dictionary's key is returned so that sessions share its storage.
            let key = phaseGraceSeconds.keys[phaseGraceSeconds.index(forKey: phase)!]
            return (key, seconds)
        }
        return (Self.basePhase, graceSeconds)
    }

    /// Checks every rule of API.md.
    /// - Throws: ``InvalidField`` naming the first field that breaks a rule.
    public func validate() throws(InvalidField) {
        try Self.check(graceSeconds, in: Self.graceRange, field: "grace_seconds")
        if phaseGraceSeconds.count > Self.maxPhases {
            throw InvalidField("phase_grace_seconds", "at most \(Self.maxPhases) phases")
        }
        for (phase, seconds) in phaseGraceSeconds.sorted(by: { $0.key < $1.key }) {
            try NameRule.phase.check(phase, field: "phase_grace_seconds.\(phase)")
            if phase == Self.basePhase {
                throw InvalidField("phase_grace_seconds.\(phase)", "'\(phase)' names the base window; set grace_seconds instead")
            }
            try Self.check(seconds, in: Self.graceRange, field: "phase_grace_seconds.\(phase)")
        }
        try Self.check(eventBufferSize, in: Self.eventBufferRange, field: "event_buffer_size")
        try Self.check(maxPendingSessions, in: Self.maxPendingRange, field: "max_pending_sessions")
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, field: String) throws(InvalidField) {
        guard range.contains(value) else {
            throw InvalidField(field, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
    }
}
