/// HTTP header fields in the order they were sent, names compared without regard to case.
///
/// Kept as ordered pairs rather than a dictionary because HTTP allows a name to repeat
/// (`Set-Cookie`, `Via`) and the order of repeated fields carries meaning.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, Equatable {
    /// One header field as it appears on the wire.
    public typealias Element = (name: String, value: String)

    private var fields: [Element]

    /// Creates an empty set of headers.
    public init() {
        self.fields = []
    }

    /// Creates headers from pairs, keeping their order.
    /// - Parameter fields: the `(name, value)` pairs.
    public init(_ fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// Creates headers from a literal such as `["Content-Type": "application/json"]`.
    /// - Parameter elements: the `(name, value)` pairs, in literal order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The value of the first field called `name` (any case), or `nil` when there is none.
    /// - Parameter name: the field name, e.g. `"content-type"`.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Every value of the fields called `name` (any case), in order.
    /// - Parameter name: the field name.
    /// - Returns: the values; empty when the field is absent.
    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// Whether a field called `name` (any case) is present.
    /// - Parameter name: the field name.
    /// - Returns: `true` when at least one such field exists.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.sameName($0.name, name) }
    }

    /// Adds a field after the existing ones, keeping any field of the same name.
    /// - Parameters:
    ///   - name: the field name.
    ///   - value: the field value.
    public mutating func append(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field called `name` (any case) by one field with `value`.
    /// - Parameters:
    ///   - name: the field name.
    ///   - value: the new value.
    public mutating func replace(name: String, value: String) {
        remove(name: name)
        fields.append((name: name, value: value))
    }

    /// Removes every field called `name` (any case).
    /// - Parameter name: the field name.
    public mutating func remove(name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    /// The number of fields, counting repeated names separately.
    public var count: Int { fields.count }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        fields.makeIterator()
    }

    /// Two header sets are equal when they hold the same fields in the same order;
    /// names are compared without regard to case.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { sameName($0.name, $1.name) && $0.value == $1.value }
    }

    /// Field names are ASCII tokens, so an ASCII case fold is exact and avoids Unicode work
    /// on the hot path.
    static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // Contiguous bytes when the strings are native (they are): no iterator per byte.
        let compared = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where asciiLower(left[index]) != asciiLower(right[index]) { return false }
                return true
            }
        }
        return (compared ?? nil) ?? zip(lhs.utf8, rhs.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}
