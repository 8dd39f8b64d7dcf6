import Logging
import MicroHTTP
import ReconnectionCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP face of the core: every route of API.md, auth, problem documents, metrics and
/// durable zones. A plain ``HTTPHandler``: tests call ``respond(to:)`` without a socket.
public final class ReconnectionService: HTTPHandler {
    /// Whether the service takes traffic, as `/readyz` reports it.
    public enum Readiness: Int, Sendable {
        case starting, ready, draining
    }

    /// The build's version, as `reconnection_build_info` shows it.
    public static let version = "0.1.0"

    let core: Reconnector
    let store: ZoneStore
    let credentials: Credentials
    let metricsNeedAuth: Bool
    let maxJSONDepth: Int
    let throttle: FailureThrottle
    let httpMetrics = HTTPMetrics()
    let rejections = RequestRejections()
    let processMetrics = ProcessMetrics()
    let logger: Logger
    private let readiness = Atomic<Int>(Readiness.starting.rawValue)

    /// Opens the state directory and builds the service. See ``ServiceConfiguration``.
    /// - Throws: ``StartupError`` naming the unreadable or corrupt file (left untouched).
    public init(configuration: ServiceConfiguration, clock: any WallClock = SystemClock(), logger: Logger) throws(StartupError) {
        self.logger = logger
        metricsNeedAuth = configuration.metricsNeedAuth
        maxJSONDepth = configuration.maxJSONDepth
        throttle = FailureThrottle(perAddress: configuration.failuresPerAddress, perPlayer: configuration.failuresPerPlayer)
        do {
            let (store, loaded) = try ZoneStore.open(directory: configuration.stateDirectory)
            self.store = store
            credentials = try CredentialSource.load(configuration, logger: logger)
            if loaded.isFirstStart {
                let core = Reconnector(clock: clock)
                let zones = core.zones
                let change = ZoneChange(zone: "default", version: 1, at: zones[0].updatedAt, action: .create, before: nil, after: zones[0])
                try store.record(HistoryEntry(change: change, actor: "system"), zones: zones)
                self.core = core
            } else {
                core = try Reconnector(clock: clock, restoring: loaded.zones, deletedVersions: loaded.deletedVersions)
            }
        } catch let error as StorageError {
            throw StartupError(message: error.description)
        } catch let error as InvalidField {
            throw StartupError(message: "corrupt state file \(configuration.stateDirectory)/zones.json: \(error)")
        } catch {
            throw StartupError(message: "\(error)")
        }
    }

    /// The core, for wiring (the sweeper) and for embedding tests.
    public var reconnector: Reconnector { core }

    /// Sets what `/readyz` answers.
    public func setReadiness(_ state: Readiness) {
        readiness.store(state.rawValue, ordering: .releasing)
    }

    var currentReadiness: Readiness {
        Readiness(rawValue: readiness.load(ordering: .acquiring)) ?? .starting
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = Self.monotonicSeconds()
        let route = Route(segments: request.pathSegments)
        var response: HTTPResponse
        do {
            response = try dispatch(request, route: route)
        } catch {
            response = error.response
        }
        count(request, route: route, status: response.status, seconds: Self.monotonicSeconds() - started)
        return response
    }

    public func respond(to rejection: HTTPRejection, of request: HTTPRequest) -> HTTPResponse {
        let problem: Problem
        switch rejection {
        case .bodyTooLarge(let limit):
            rejections.count(.bodyTooLarge)
            problem = Problem(.bodyTooLarge, "the body is over the limit of \(limit) bytes")
        case .headersTooLarge(let limit):
            rejections.count(.headersTooLarge)
            problem = Problem(.headersTooLarge, "the request head is over the limit of \(limit) bytes")
        case .malformedHead(let what):
            rejections.count(.malformedRequest)
            problem = Problem(.malformedRequest, "the request head is malformed: \(what)")
        }
        count(request, route: Route(segments: request.pathSegments), status: problem.code.status, seconds: 0)
        return problem.response
    }

    /// Records a request in the HTTP metrics, labelled so that the label sets stay bounded:
    /// the route's template (or `unmatched`) and a known method (or `other`).
    private func count(_ request: HTTPRequest, route: Route?, status: Int, seconds: Double) {
        let method = Self.knownMethods.contains(request.method) ? request.method : "other"
        httpMetrics.record(route: route?.template ?? Route.unmatchedTemplate, method: method, status: status, seconds: seconds)
    }

    /// The request's JSON body, within the configured nesting depth.
    func jsonBody(of request: HTTPRequest, allowingMergePatch: Bool = false) throws(Problem) -> JSONValue {
        try request.json(allowingMergePatch: allowingMergePatch, maxDepth: maxJSONDepth)
    }

    private func dispatch(_ request: HTTPRequest, route: Route?) throws(Problem) -> HTTPResponse {
        guard let route else { throw Problem(.notFound, "no resource at this path") }
        guard route.methods.contains(request.method) else {
            throw Problem(
                .methodNotAllowed, "\(route.template) answers \(route.methods.joined(separator: ", "))",
                headers: [("Allow", route.methods.joined(separator: ", "))])
        }
        let access = route == .metrics && metricsNeedAuth ? Access.admin : route.access(for: request.method)
        let principal = try credentials.authorize(request, for: access)
        try route.checkParameters(of: request)
        do {
            return try handle(request, route: route, principal: principal)
        } catch let error as Problem {
            throw error
        } catch let error as ReconnectionError {
            throw error.problem
        } catch let error as StorageError {
            logger.error("zone change not stored, nothing changed", metadata: ["error": "\(error)"])
            throw Problem(.storageUnavailable, "the state directory could not be written: \(error)")
        } catch {
            logger.error("unexpected error", metadata: ["error": "\(error)"])
            throw Problem(.internalError, "unexpected error")
        }
    }

    private func handle(_ request: HTTPRequest, route: Route, principal: Credentials.Principal?) throws -> HTTPResponse {
        switch route {
        case .healthz, .livez: return .json(status: 200, Array(#"{"status":"ok"}"#.utf8))
        case .readyz: return readyz()
        case .metrics: return metrics()
        case .zones: return listZones()
        case .zone(let zone): return try zoneRequest(request, zone: zone, actor: principal?.rawValue ?? "admin")
        case .zoneHistory(let zone): return try history(request, zone: zone)
        case .disconnects(let zone): return try disconnect(request, zone: zone)
        case .reconnects(let zone): return try reconnect(request, zone: zone)
        case .sessions(let zone): return try sessions(request, zone: zone)
        case .roomEvents(let zone, let room): return try appendEvents(request, zone: zone, room: room)
        case .room(let zone, let room):
            try core.closeRoom(zone: zone, room: room)
            return .noContent
        case .player(let zone, let room, let player):
            try core.cancelSession(zone: zone, room: room, player: player, reason: principal == .admin ? .admin : .cancelled)
            return .noContent
        }
    }

    private func readyz() -> HTTPResponse {
        let state = currentReadiness
        let name = switch state {
        case .starting: "starting"
        case .ready: "ready"
        case .draining: "draining"
        }
        return .json(status: state == .ready ? 200 : 503, Array(#"{"status":"\#(name)"}"#.utf8))
    }

    private func metrics() -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": MetricsExposition.contentType], body: renderMetrics())
    }

    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"]

    private static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension Error {
    /// The response for any error a handler throws.
    fileprivate var response: HTTPResponse {
        (self as? Problem ?? Problem(.internalError, "unexpected error")).response
    }
}
