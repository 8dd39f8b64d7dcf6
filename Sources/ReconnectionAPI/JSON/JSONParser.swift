/// A strict JSON parser (RFC 8259) over bytes: UTF-8 validated, duplicate keys and nesting
/// beyond a limit refused, every error a message a client can act on.
struct JSONParser {
    struct Failure: Error, Hashable {
        var message: String
    }

    /// The default nesting limit; the daemon's `--max-json-depth` sets another.
    static let defaultMaxDepth = 32

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0
    private var depth = 0

    /// Parses one complete document, refusing nesting deeper than `maxDepth` as soon as it is
    /// reached, before anything deeper is built.
    static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected data after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private mutating func parseValue() throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try nested { (parser: inout JSONParser) throws(Failure) in try parser.parseObject() })
        case UInt8(ascii: "["): return .array(try nested { (parser: inout JSONParser) throws(Failure) in try parser.parseArray() })
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character")
        }
    }

    private mutating func nested<T>(_ body: (inout JSONParser) throws(Failure) -> T) throws(Failure) -> T {
        depth += 1
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth) levels") }
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func parseObject() throws(Failure) -> JSONObject {
        index += 1
        var object = JSONObject()
        // Duplicates are found by comparing with the members so far while there are few (a
        // request body has a handful; hashing every key cost more than the comparisons), and
        // with a set once there are many.
        var keys: Set<String>?
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return object }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try parseString()
            let isDuplicate: Bool
            if keys != nil {
                isDuplicate = !keys!.insert(key).inserted
            } else if object.members.count < 16 {
                isDuplicate = object.members.contains { $0.key == key }
            } else {
                keys = Set(object.members.map(\.key))
                isDuplicate = !keys!.insert(key).inserted
            }
            guard !isDuplicate else { throw failure("duplicate member '\(key)'") }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("expected ':'") }
            skipWhitespace()
            object.members.append((key, try parseValue()))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}'") }
        return object
    }

    private mutating func parseArray() throws(Failure) -> [JSONValue] {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return elements }
        repeat {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw failure("expected ',' or ']'") }
        return elements
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else {
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if consume(UInt8(ascii: ".")) {
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard digits() > 0 else { throw failure("invalid number") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1
        var scalars: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text: String?
                if scalars.isEmpty {
                    // No escape seen: validated straight from the input, with no copy first.
                    text = String(validating: bytes[runStart..<index], as: UTF8.self)
                } else {
                    scalars.append(contentsOf: bytes[runStart..<index])
                    text = String(validating: scalars, as: UTF8.self)
                }
                index += 1
                guard let text else { throw failure("invalid UTF-8 in a string") }
                return text
            case UInt8(ascii: "\\"):
                scalars.append(contentsOf: bytes[runStart..<index])
                index += 1
                try parseEscape(into: &scalars)
                runStart = index
            case 0..<0x20:
                throw failure("unescaped control character in a string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        if let value = Self.escapes[byte] {
            output.append(value)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw failure("invalid escape") }
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else { throw failure("unpaired surrogate") }
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw failure("unpaired surrogate") }
        output.append(contentsOf: String(scalar).utf8)
    }

    private static let escapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = hexDigit(byte) else { throw failure("invalid \\u escape") }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func expect(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            bytes[index..<index + count].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw failure("invalid literal") }
        index += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: "\(message) at byte \(index)")
    }
}
