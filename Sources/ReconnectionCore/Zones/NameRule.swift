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
        let bytes = name.utf8
        guard (1...maxLength).contains(bytes.count) else { return false }
        for (offset, byte) in bytes.enumerated() {
            let allowed = offset == 0 ? isAllowedFirst(byte) : isAllowed(byte)
            if !allowed { return false }
        }
        return true
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

    private var maxLength: Int {
        switch self {
        case .zone: 63
        case .identifier: 128
        case .phase: 32
        case .eventType: 64
        }
    }

    private func isAllowedFirst(_ byte: UInt8) -> Bool {
        switch self {
        case .zone, .phase: isLowerAlphanumeric(byte)
        case .identifier, .eventType: isAllowed(byte)
        }
    }

    private func isAllowed(_ byte: UInt8) -> Bool {
        switch self {
        case .zone: isLowerAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        case .phase: isLowerAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        case .identifier: isAlphanumeric(byte) || Self.identifierPunctuation.contains(byte)
        case .eventType: isAlphanumeric(byte) || Self.eventPunctuation.contains(byte)
        }
    }

    private static let identifierPunctuation: Set<UInt8> = Set(".:_@-".utf8)
    private static let eventPunctuation: Set<UInt8> = Set(".:_-".utf8)

    private func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
