/// A single-use rejoin token: 128 bits from the system CSPRNG, shown as 22 base64url characters.
///
/// The first 64 bits select the record (a hash-map key, so lookup time may depend on them);
/// the last 64 bits verify it and are compared in constant time, so response timing tells a
/// guesser nothing about the secret half.
public struct RejoinToken: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// Looks the record up.
    let selector: UInt64
    /// Proves possession; compared in constant time.
    let verifier: UInt64

    /// Creates a token from its two halves.
    init(selector: UInt64, verifier: UInt64) {
        self.selector = selector
        self.verifier = verifier
    }

    /// Parses the 22-character base64url form; `nil` for anything else.
    public init?(_ text: String) {
        let parsed = text.utf8.withContiguousStorageIfAvailable(Self.parse)
            ?? Array(text.utf8).withUnsafeBufferPointer(Self.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    /// The 22-character base64url form (no padding).
    public var text: String {
        // 128 bits, most significant first: 10 characters of the selector's top 60 bits, one
        // of its last 4 and the verifier's first 2, 10 of the verifier's next 60, and one of
        // its last 2 followed by 4 zero bits.
        let selector = selector
        let verifier = verifier
        return String(unsafeUninitializedCapacity: 22) { buffer in
            for index in 0..<10 {
                buffer[index] = Self.character(selector >> UInt64(58 - 6 * index))
                buffer[11 + index] = Self.character(verifier >> UInt64(56 - 6 * index))
            }
            buffer[10] = Self.character(selector << 2 | verifier >> 62)
            buffer[21] = Self.character(verifier << 4)
            return 22
        }
    }

    /// The inverse of ``text``; `nil` for a wrong length, a byte outside the alphabet, or spare
    /// bits set in the last character. Arithmetic rather than tables: a static table costs a
    /// `swift_once` check on every use, and this runs on every reconnect.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> RejoinToken? {
        guard bytes.count == 22 else { return nil }
        var selector: UInt64 = 0
        var verifier: UInt64 = 0
        // Invalid bytes decode to 0xFF; their high bits are collected and checked once.
        var invalid: UInt8 = 0
        for index in 0..<10 {
            let high = value(of: bytes[index])
            let low = value(of: bytes[11 + index])
            invalid |= high | low
            selector = selector << 6 | UInt64(high & 0x3F)
            verifier = verifier << 6 | UInt64(low & 0x3F)
        }
        let middle = value(of: bytes[10])
        let last = value(of: bytes[21])
        invalid |= middle | last
        guard invalid & 0xC0 == 0, last & 0x0F == 0 else { return nil }
        selector = selector << 4 | UInt64(middle >> 2)
        verifier = UInt64(middle & 0x3) << 62 | verifier << 2 | UInt64(last >> 4)
        return RejoinToken(selector: selector, verifier: verifier)
    }

    /// The 6-bit value of a base64url character (RFC 4648 §5), or 0xFF for any other byte.
    private static func value(of byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte &- UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte &- UInt8(ascii: "a") &+ 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0") &+ 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: 0xFF
        }
    }

    /// The base64url character of the low 6 bits of `bits`.
    private static func character(_ bits: UInt64) -> UInt8 {
        alphabet.utf8Start[Int(truncatingIfNeeded: bits & 0x3F)]
    }

    /// RFC 4648 §5's alphabet. A `StaticString` is a constant in the binary: reading it needs
    /// no lazy initialization, unlike an array in a static property.
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    /// Redacted, so a token never reaches a log by accident.
    public var description: String { "RejoinToken(redacted)" }

    /// Redacted too, so `dump()` and debuggers' reflection do not print the bits.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Whether `other` has the same verifier, in time independent of where they differ.
    func verifies(_ other: UInt64) -> Bool {
        (verifier ^ other) == 0
    }
}
