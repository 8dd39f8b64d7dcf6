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
        var bits: UInt128 = 0
        var index = 0
        for byte in text.utf8 {
            guard index < 22, let value = Self.decodeTable[Int(byte)] else { return nil }
            let shift = Self.shift(at: index)
            if shift >= 0 {
                bits |= UInt128(value) << shift
            } else {
                // 22 characters carry 132 bits: the last one's 4 spare bits must be zero.
                guard value & 0x0F == 0 else { return nil }
                bits |= UInt128(value) >> -shift
            }
            index += 1
        }
        guard index == 22 else { return nil }
        self.init(selector: UInt64(bits >> 64), verifier: UInt64(truncatingIfNeeded: bits))
    }

    /// The 22-character base64url form (no padding).
    public var text: String {
        let bits = UInt128(selector) << 64 | UInt128(verifier)
        return String(unsafeUninitializedCapacity: 22) { buffer in
            for index in 0..<22 {
                let shift = Self.shift(at: index)
                let value = shift >= 0 ? bits >> shift : bits << -shift
                buffer[index] = Self.alphabet[Int(value & 0x3F)]
            }
            return 22
        }
    }

    /// Where character `index`'s six bits sit in the 128-bit value (negative: past its end).
    private static func shift(at index: Int) -> Int {
        122 - 6 * index
    }

    /// Redacted, so a token never reaches a log by accident.
    public var description: String { "RejoinToken(redacted)" }

    /// Redacted too, so `dump()` and debuggers' reflection do not print the bits.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Whether `other` has the same verifier, in time independent of where they differ.
    func verifies(_ other: UInt64) -> Bool {
        (verifier ^ other) == 0
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let decodeTable: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
