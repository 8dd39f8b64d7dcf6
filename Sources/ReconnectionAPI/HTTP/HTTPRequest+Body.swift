import MicroHTTP

extension HTTPRequest {
    /// The JSON body. `application/json` always; `application/merge-patch+json` where allowed.
    /// - Throws: ``Problem``: `unsupported_media_type`, `malformed_json`.
    func json(allowingMergePatch: Bool = false, maxDepth: Int) throws(Problem) -> JSONValue {
        let parts = headers["Content-Type"]?.split(separator: ";").map { $0.trimmingSpaces.lowercased() } ?? []
        let accepted = allowingMergePatch ? ["application/json", "application/merge-patch+json"] : ["application/json"]
        // The only parameter a JSON body may carry is its (only) charset.
        guard let mediaType = parts.first, accepted.contains(mediaType), parts.dropFirst().allSatisfy({ $0 == "charset=utf-8" })
        else {
            throw Problem(.unsupportedMediaType, "send the body with Content-Type: \(accepted.joined(separator: " or "))")
        }
        return try FieldReader.parse(body, maxDepth: maxDepth)
    }

    /// A query argument that must be one of `values` when present.
    func option(_ name: String, oneOf values: [String]) throws(Problem) -> String? {
        guard let value = queryValue(named: name) else { return nil }
        guard values.contains(value) else {
            throw Problem.invalidField(name, "must be \(values.map { "'\($0)'" }.joined(separator: " or "))")
        }
        return value
    }

    /// A numeric query argument within `range`, or `defaultValue` when absent.
    func limit(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(Problem) -> Int {
        guard let text = queryValue(named: name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalidField(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
