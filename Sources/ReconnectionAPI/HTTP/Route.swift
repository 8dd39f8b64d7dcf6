/// The routes of API.md, matched from a path. Metrics label requests by ``template``,
/// never by the raw path.
enum Route: Hashable, Sendable {
    case healthz
    case livez
    case readyz
    case metrics
    case zones
    case zone(String)
    case zoneHistory(String)
    case disconnects(String)
    case reconnects(String)
    case sessions(String)
    case room(zone: String, room: String)
    case roomEvents(zone: String, room: String)
    case player(zone: String, room: String, player: String)

    /// Matches a request path's decoded segments (``HTTPRequest/pathSegments``); `nil` for a
    /// path the API does not serve.
    init?(segments parts: [String]) {
        switch parts.count {
        case 1:
            switch parts[0] {
            case "healthz": self = .healthz
            case "livez": self = .livez
            case "readyz": self = .readyz
            case "metrics": self = .metrics
            default: return nil
            }
        case 2 where parts == ["v1", "zones"]:
            self = .zones
        case 3...7 where parts[0] == "v1" && parts[1] == "zones" && !parts[2].isEmpty:
            self.init(zone: parts[2], rest: parts[3...])
        default:
            return nil
        }
    }

    private init?(zone: String, rest: ArraySlice<String>) {
        let rest = Array(rest)
        switch (rest.count, rest.first) {
        case (0, _): self = .zone(zone)
        case (1, "history"): self = .zoneHistory(zone)
        case (1, "disconnects"): self = .disconnects(zone)
        case (1, "reconnects"): self = .reconnects(zone)
        case (1, "sessions"): self = .sessions(zone)
        case (2, "rooms") where !rest[1].isEmpty: self = .room(zone: zone, room: rest[1])
        case (3, "rooms") where !rest[1].isEmpty && rest[2] == "events": self = .roomEvents(zone: zone, room: rest[1])
        case (4, "rooms") where !rest[1].isEmpty && rest[2] == "players" && !rest[3].isEmpty:
            self = .player(zone: zone, room: rest[1], player: rest[3])
        default: return nil
        }
    }

    /// The path template, the `route` label of HTTP metrics.
    var template: String {
        switch self {
        case .healthz: "/healthz"
        case .livez: "/livez"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .zones: "/v1/zones"
        case .zone: "/v1/zones/{zone}"
        case .zoneHistory: "/v1/zones/{zone}/history"
        case .disconnects: "/v1/zones/{zone}/disconnects"
        case .reconnects: "/v1/zones/{zone}/reconnects"
        case .sessions: "/v1/zones/{zone}/sessions"
        case .room: "/v1/zones/{zone}/rooms/{room}"
        case .roomEvents: "/v1/zones/{zone}/rooms/{room}/events"
        case .player: "/v1/zones/{zone}/rooms/{room}/players/{player}"
        }
    }

    /// The methods the route answers (GET routes answer HEAD too).
    var methods: [String] {
        switch self {
        case .healthz, .livez, .readyz, .metrics, .zones, .zoneHistory, .sessions: ["GET", "HEAD"]
        case .zone: ["GET", "HEAD", "PUT", "PATCH", "DELETE"]
        case .disconnects, .reconnects, .roomEvents: ["POST"]
        case .room, .player: ["DELETE"]
        }
    }

    /// Who may call `method` on this route.
    func access(for method: String) -> Access {
        switch self {
        case .healthz, .livez, .readyz, .metrics: .anyone
        case .zoneHistory: .admin
        case .zones, .sessions: .server
        case .zone: method == "GET" || method == "HEAD" ? .server : .admin
        case .disconnects, .reconnects, .roomEvents, .room, .player: .server
        }
    }

    /// The label for requests that matched no route, so raw paths never become labels.
    static let unmatchedTemplate = "unmatched"
}

/// The credential a route needs; the admin credential may call everything.
enum Access: Sendable {
    case anyone
    case server
    case admin
}
