/// Reads a request's JSON object field by field: a member this operation does not know is
/// `unknown_field`, a wrong type or value is `invalid_field`, each naming the field. `null` is
/// a wrong type too: only merge patches give it a meaning, and they are merged before reading.
struct FieldReader {
    let object: JSONObject
    /// Prepended to field names in errors, e.g. `events[3].`.
    let prefix: String

    /// - Parameter allowed: the member names this operation knows. A literal list is searched
    ///   in order (a handful of names: cheaper than building and hashing a set per request).
    init<Names: Collection<String>>(_ value: JSONValue, allowed: Names, prefix: String = "") throws(Problem) {
        guard case .object(let object) = value else {
            throw prefix.isEmpty
                ? Problem(.invalidField, "the body must be a JSON object")
                : Problem.invalidField(String(prefix.dropLast()), "must be a JSON object")
        }
        if let unknown = object.members.first(where: { !allowed.contains($0.key) }) {
            throw Problem.unknownField(prefix + unknown.key)
        }
        self.object = object
        self.prefix = prefix
    }

    /// Parses a request body into a reader.
    static func body(_ bytes: [UInt8], allowed: Set<String>) throws(Problem) -> FieldReader {
        try FieldReader(parse(bytes), allowed: allowed)
    }

    static func parse(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(Problem) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            throw Problem(.malformedJSON, error.message)
        }
    }

    /// The member's value; `nil` when absent.
    func value(_ key: String) -> JSONValue? {
        object[key]
    }

    func string(_ key: String) throws(Problem) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw mistyped(key, "a string", value) }
        return text
    }

    func requiredString(_ key: String) throws(Problem) -> String {
        guard let text = try string(key) else { throw Problem.invalidField(prefix + key, "is required") }
        return text
    }

    func bool(_ key: String) throws(Problem) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw mistyped(key, "a boolean", value) }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int64>) throws(Problem) -> Int64? {
        guard let value = value(key) else { return nil }
        return try Self.integer(value, in: range, field: prefix + key)
    }

    func object(_ key: String) throws(Problem) -> JSONObject? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else { throw mistyped(key, "an object", value) }
        return object
    }

    func array(_ key: String) throws(Problem) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw mistyped(key, "an array", value) }
        return elements
    }

    /// An integer within `range`. Any JSON number without a fraction counts (`45`, `45.0`,
    /// `4.5e1`), as in JSON Schema; `45.5` and out-of-range values are refused.
    static func integer(_ value: JSONValue, in range: ClosedRange<Int64>, field: String) throws(Problem) -> Int64 {
        let message = "must be an integer from \(range.lowerBound) to \(range.upperBound)"
        guard case .number(let text) = value else { throw Problem.invalidField(field, message + ", not \(value.typeName)") }
        guard let number = Int64(text) ?? wholeNumber(text), range.contains(number) else {
            throw Problem.invalidField(field, message)
        }
        return number
    }

    /// `45.0` or `4.5e1` as 45; `nil` for a fraction or beyond 2^53, where doubles stop being exact.
    private static func wholeNumber(_ text: String) -> Int64? {
        guard let number = Double(text), number.rounded() == number, abs(number) <= 9_007_199_254_740_992 else { return nil }
        return Int64(number)
    }

    private func mistyped(_ key: String, _ expected: String, _ value: JSONValue) -> Problem {
        Problem.invalidField(prefix + key, "must be \(expected), not \(value.typeName)")
    }
}
