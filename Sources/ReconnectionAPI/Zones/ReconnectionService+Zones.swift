import MicroHTTP
import ReconnectionCore

/// The zone routes: read, create, replace, merge-patch, delete, history.
extension ReconnectionService {
    func listZones() -> HTTPResponse {
        var json = JSONWriter()
        json.object { json in
            json.key("zones")
            json.array { json in core.zones.forEach { ZoneCoding.write($0, into: &json) } }
        }
        return .json(status: 200, json.bytes)
    }

    func zoneRequest(_ request: HTTPRequest, zone: String, actor: String) throws -> HTTPResponse {
        switch request.method {
        case "PUT": return try put(request, zone: zone, actor: actor)
        case "PATCH": return try patch(request, zone: zone, actor: actor)
        case "DELETE": return try delete(request, zone: zone, actor: actor)
        default:
            guard let configuration = core.zone(named: zone) else { throw ReconnectionError.zoneNotFound }
            return zoneResponse(configuration, status: 200)
        }
    }

    func history(_ request: HTTPRequest, zone: String) throws(Problem) -> HTTPResponse {
        let limit = try request.limit("limit", in: 1...1000, default: 50)
        guard let entries = store.history(of: zone, limit: limit) ?? (core.zone(named: zone) == nil ? nil : []) else {
            throw ReconnectionError.zoneNotFound.problem
        }
        var json = JSONWriter()
        json.object { json in
            json.key("changes")
            json.array { json in entries.forEach { $0.write(into: &json) } }
        }
        return .json(status: 200, json.bytes)
    }

    private func put(_ request: HTTPRequest, zone: String, actor: String) throws -> HTTPResponse {
        let settings = try ZoneCoding.settings(from: jsonBody(of: request), zone: zone)
        let precondition = ifNoneMatch(request) ?? ifMatch(request, zone: zone) ?? .none
        let change = try core.putZone(
            named: zone, settings: settings, precondition: precondition,
            rebasingPending: try applyToPending(request), commit: commit(actor: actor))
        var response = zoneResponse(change.after!, status: change.action == .create ? 201 : 200)
        if change.action == .create { response.headers.append(name: "Location", value: "/v1/zones/\(zone)") }
        return response
    }

    private func patch(_ request: HTTPRequest, zone: String, actor: String) throws -> HTTPResponse {
        let patch = try jsonBody(of: request, allowingMergePatch: true)
        let rebasing = try applyToPending(request)
        let requested = ifMatch(request, zone: zone)
        // Without If-Match, a concurrent edit between read and write is retried, never lost.
        for _ in 0..<3 {
            guard let current = core.zone(named: zone) else { throw ReconnectionError.zoneNotFound }
            var document = JSONWriter()
            ZoneCoding.write(current, into: &document)
            let merged = MergePatch.apply(patch, to: try FieldReader.parse(document.bytes))
            let settings = try ZoneCoding.settings(from: merged, zone: zone)
            do {
                let change = try core.putZone(
                    named: zone, settings: settings, precondition: requested ?? .version(current.version),
                    rebasingPending: rebasing, commit: commit(actor: actor))
                return zoneResponse(change.after!, status: 200)
            } catch ReconnectionError.versionConflict where requested == nil {
                continue
            }
        }
        throw Problem(.versionConflict, "the zone kept changing; retry")
    }

    private func delete(_ request: HTTPRequest, zone: String, actor: String) throws -> HTTPResponse {
        let force = try request.option("force", oneOf: ["true", "false"]) == "true"
        try core.deleteZone(named: zone, precondition: ifMatch(request, zone: zone) ?? .none, force: force, commit: commit(actor: actor))
        return .noContent
    }

    /// Persists a change before the core applies it; logs it once durable.
    private func commit(actor: String) -> (ZoneChange) throws -> Void {
        { change in
            var zones = self.core.zones.filter { $0.name != change.zone }
            if let after = change.after { zones.append(after) }
            zones.sort { $0.name < $1.name }
            try self.store.record(HistoryEntry(change: change, actor: actor), zones: zones)
            self.logger.info(
                "zone changed",
                metadata: ["zone": "\(change.zone)", "version": "\(change.version)", "action": "\(change.action.rawValue)", "actor": "\(actor)"])
        }
    }

    private func zoneResponse(_ zone: ZoneConfiguration, status: Int) -> HTTPResponse {
        var json = JSONWriter()
        ZoneCoding.write(zone, into: &json)
        var response = HTTPResponse.json(status: status, json.bytes)
        response.headers.append(name: "ETag", value: "\"\(zone.version)\"")
        return response
    }

    private func applyToPending(_ request: HTTPRequest) throws(Problem) -> Bool {
        try request.option("apply", oneOf: ["pending"]) != nil
    }

    /// `If-Match` as RFC 9110 compares it: `*` holds when the zone exists, otherwise one of the
    /// listed tags must be exactly the current ETag (weak tags never match). Anything else,
    /// unparseable values included, is a failed condition (412), never a 400.
    private func ifMatch(_ request: HTTPRequest, zone: String) -> ZonePrecondition? {
        guard let header = request.headers["If-Match"] else { return nil }
        let tags = header.split(separator: ",").map { String($0.trimmingSpaces) }
        if tags.contains("*") { return .exists }
        guard let current = core.zone(named: zone)?.version, tags.contains("\"\(current)\"") else {
            // Versions start at 1: version 0 is a condition no zone meets.
            return .version(0)
        }
        return .version(current)
    }

    /// `If-None-Match: *` (anything else was refused by ``Route/checkParameters(of:)``).
    private func ifNoneMatch(_ request: HTTPRequest) -> ZonePrecondition? {
        request.headers["If-None-Match"] == nil ? nil : .absent
    }
}
