/// The naming rules of API.md, checked without regular expressions (this runs per request).
public enum NameRule: Sendable {
    /// Zone names: `^[a-z0-9][a-z0-9._-]{0,62}$`.
    case zone
    /// Room and player ids: 1 to 128 of `[A-Za-z0-9._:@-]`.
    case identifier
    /// Match phases: `^[a-z0-9][a-z0-9_-]{0,31}$`.
    case phase
    /// Event types: 1 to 64 of `[A-Za-z0-9._:-]` (API.md is silent; chosen and documented in openapi.yaml).
    case eventType

    /// Whether `name` follows the rule.
    public func accepts(_ name: String) -> Bool {
        // Runs on every request: native strings are checked on their contiguous bytes, which
        // costs a few instructions a byte rather than an iterator call.
        if let verdict = name.utf8.withContiguousStorageIfAvailable({ accepts(bytes: $0) }) {
            return verdict
        }
        return accepts(bytes: Array(name.utf8))
    }

    /// Throws ``InvalidField`` naming `field` when `name` breaks the rule.
    public func check(_ name: String, field: String) throws(InvalidField) {
        guard accepts(name) else { throw InvalidField(field, "must match \(pattern)") }
    }

    /// The rule as a regular expression, for messages and the OpenAPI document.
    public var pattern: String {
        switch self {
        case .zone: "^[a-z0-9][a-z0-9._-]{0,62}$"
        case .identifier: "^[A-Za-z0-9._:@-]{1,128}$"
        case .phase: "^[a-z0-9][a-z0-9_-]{0,31}$"
        case .eventType: "^[A-Za-z0-9._:-]{1,64}$"
        }
    }

    private func accepts<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        guard (1...maxLength).contains(bytes.count) else { return false }
        // Membership in 128-bit masks of allowed ASCII bytes, chosen once per call: a byte
        // costs a shift and a test instead of a chain of range checks.
        var mask = allowedFirst
        let rest = allowed
        for byte in bytes {
            // Two 64-bit halves: a variable shift of a UInt128 compiles to branches.
            let half = byte < 64 ? mask.low : mask.high
            guard byte < 128, (half >> UInt64(byte & 63)) & 1 == 1 else { return false }
            mask = rest
        }
        return true
    }

    private var maxLength: Int {
        switch self {
        case .zone: 63
        case .identifier: 128
        case .phase: 32
        case .eventType: 64
        }
    }

    /// The bytes allowed first, as a bit mask over ASCII (bit n set: byte n allowed).
    private var allowedFirst: ASCIIMask {
        switch self {
        case .zone, .phase: Self.lowerAlphanumeric
        case .identifier, .eventType: allowed
        }
    }

    /// The bytes allowed after the first, as a bit mask over ASCII.
    private var allowed: ASCIIMask {
        switch self {
        case .zone: Self.zoneCharacters
        case .phase: Self.phaseCharacters
        case .identifier: Self.identifierCharacters
        case .eventType: Self.eventTypeCharacters
        }
    }

    // Literal masks, so no table is built or looked up at run time; `NameRuleTests` pins
    // down every character class, and the comment on each names its set.
    /// `[a-z0-9]`
    private static let lowerAlphanumeric = ASCIIMask(high: 0x07FF_FFFE_0000_0000, low: 0x03FF_0000_0000_0000)
    /// `[a-z0-9._-]`
    private static let zoneCharacters = ASCIIMask(high: 0x07FF_FFFE_8000_0000, low: 0x03FF_6000_0000_0000)
    /// `[a-z0-9_-]`
    private static let phaseCharacters = ASCIIMask(high: 0x07FF_FFFE_8000_0000, low: 0x03FF_2000_0000_0000)
    /// `[A-Za-z0-9._:@-]`
    private static let identifierCharacters = ASCIIMask(high: 0x07FF_FFFE_87FF_FFFF, low: 0x07FF_6000_0000_0000)
    /// `[A-Za-z0-9._:-]`
    private static let eventTypeCharacters = ASCIIMask(high: 0x07FF_FFFE_87FF_FFFE, low: 0x07FF_6000_0000_0000)
}

/// A set of ASCII bytes as 128 bits: bit n of `low` for byte n < 64, of `high` for 64 + n.
private struct ASCIIMask {
    var high: UInt64
    var low: UInt64
}
