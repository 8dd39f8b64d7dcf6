/// The growing byte buffer a scrape is rendered into: one allocation for the whole answer
/// (reserved up front), with appends that copy bytes rather than build strings.
struct ExpositionBuffer {
    /// The text so far, UTF-8. Settable within the module so the extensions in other
    /// files can append single bytes; nothing else should write it.
    var bytes: [UInt8]

    /// Creates an empty buffer that can hold `capacity` bytes before it grows.
    init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends literal text.
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes rendered earlier (a label set, an `le` value).
    mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// Appends a label value escaped as the text format requires: backslash, double quote
    /// and line feed become `\\`, `\"` and `\n`; every other byte is copied.
    mutating func appendLabelValue(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\n"): append("\\n")
            default: bytes.append(byte)
            }
        }
    }

    /// Appends `name="value"`, the value escaped.
    mutating func appendLabel(_ name: StaticString, _ value: String) {
        append(name)
        append("=\"")
        appendLabelValue(value)
        append("\"")
    }

    /// Renders one label pair on its own, to be reused on many lines.
    static func label(_ name: StaticString, _ value: String) -> [UInt8] {
        var buffer = ExpositionBuffer(capacity: value.utf8.count + 16)
        buffer.appendLabel(name, value)
        return buffer.bytes
    }
}
