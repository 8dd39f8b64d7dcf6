import MicroHTTP
import ReconnectionCore

/// Step 4 of the request order in openapi.yaml: path parameters, query parameters and
/// `If-None-Match` are checked before any body is read, and a typo such as `?aply=pending`
/// is refused rather than ignored.
extension Route {
    /// What a query parameter may hold.
    private enum QueryValue {
        case oneOf([String])
        case integer(ClosedRange<Int>)
        case name(NameRule)
        case cursor
    }

    func checkParameters(of request: HTTPRequest) throws(Problem) {
        try checkPathNames()
        guard let rules = queryRules(for: request.method) else { return }
        var seen = Set<String>()
        for (name, value) in request.query {
            guard let rule = rules[name] else { throw Problem.unknownField(name) }
            guard seen.insert(name).inserted else { throw Problem.invalidField(name, "must be given once") }
            guard !value.isEmpty else { throw Problem.invalidField(name, "must not be empty") }
            try Self.check(value, rule, name: name)
        }
        if case .zone = self, request.method == "PUT", let header = request.headers["If-None-Match"], header.trimmingSpaces != "*" {
            throw Problem.invalidField("If-None-Match", "only * is supported")
        }
    }

    private func checkPathNames() throws(Problem) {
        let names: [(String, NameRule, String?)] = switch self {
        case .healthz, .livez, .readyz, .metrics, .zones: []
        case .zone(let zone), .zoneHistory(let zone), .disconnects(let zone), .reconnects(let zone), .sessions(let zone):
            [("zone", .zone, zone)]
        case .room(let zone, let room), .roomEvents(let zone, let room):
            [("zone", .zone, zone), ("room", .identifier, room)]
        case .player(let zone, let room, let player):
            [("zone", .zone, zone), ("room", .identifier, room), ("player", .identifier, player)]
        }
        for (field, rule, value) in names {
            if let value, !rule.accepts(value) { throw Problem.invalidField(field, "must match \(rule.pattern)") }
        }
    }

    /// The query parameters `method` declares here; `nil` where the query is ignored.
    private func queryRules(for method: String) -> [String: QueryValue]? {
        switch self {
        case .healthz, .livez, .readyz, .metrics: nil
        case .zone where method == "PUT" || method == "PATCH": ["apply": .oneOf(["pending"])]
        case .zone where method == "DELETE": ["force": .oneOf(["true", "false"])]
        case .zoneHistory: ["limit": .integer(1...1000)]
        case .sessions: ["room": .name(.identifier), "limit": .integer(1...1000), "cursor": .cursor]
        default: [:]
        }
    }

    private static func check(_ value: String, _ rule: QueryValue, name: String) throws(Problem) {
        switch rule {
        case .oneOf(let values) where !values.contains(value):
            throw Problem.invalidField(name, "must be \(values.map { "'\($0)'" }.joined(separator: " or "))")
        case .integer(let range) where !(value.utf8.allSatisfy { (0x30...0x39).contains($0) } && Int(value).map(range.contains) == true):
            throw Problem.invalidField(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        case .name(let rule) where !rule.accepts(value):
            throw Problem.invalidField(name, "must match \(rule.pattern)")
        case .cursor where SessionCursor(text: value) == nil:
            throw Problem.invalidField(name, "must be a next_cursor from an earlier page")
        default:
            return
        }
    }
}

extension SessionCursor {
    /// The cursor's text in the API: `room/player` of the last session of the previous page
    /// (ids cannot contain `/`).
    init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy({ NameRule.identifier.accepts($0) }) else { return nil }
        self.init(room: parts[0], player: parts[1])
    }

    var text: String { "\(room)/\(player)" }
}
