#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import ReconnectionAPI
import ReconnectionCore

/// The lines of one family in a rendered scrape: its HELP and TYPE lines and its samples
/// (with `_bucket`, `_sum`, `_count` for histograms), joined with newlines, newline-terminated.
func familyText(_ name: String, in exposition: String) -> String {
    let sampleStarts = ["{", " ", "_bucket{", "_sum{", "_count{", "_sum ", "_count "].map { name + $0 }
    let lines = exposition.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
        line.hasPrefix("# HELP \(name) ") || line.hasPrefix("# TYPE \(name) ")
            || sampleStarts.contains { line.hasPrefix($0) }
    }
    return lines.map { $0 + "\n" }.joined()
}

/// Renders a scrape of `core` without process figures.
func renderText(_ core: Reconnector, http: HTTPMetrics = HTTPMetrics(), version: String = "test") -> String {
    MetricsExposition.renderText(zones: core.snapshot(), http: http, process: nil, version: version)
}

/// A zone with three phases, a small buffer and one of every kind of outcome:
/// 5 tokens = 1 completion + 1 expiration + 2 cancellations (rotation, admin) + 1 active.
func driveRankedZone(_ core: Reconnector, clock: ManualClock) throws {
    try core.putZone(named: "ranked", settings: ZoneSettings(
        graceSeconds: 45, phaseGraceSeconds: ["match_point": 60, "lobby": 90, "between_rounds": 75], eventBufferSize: 2))
    let alice = try core.disconnect(zone: "ranked", room: "r1", player: "alice", phase: "lobby")
    let events = (1...3).map { NewRoomEvent(type: "chat", payload: Array("\($0)".utf8)) }
    _ = try core.append(events, zone: "ranked", room: "r1")
    clock.advance(seconds: 12.5)
    _ = try core.redeem(zone: "ranked", room: "r1", player: "alice", token: alice.token.text)
    _ = try? core.redeem(zone: "ranked", room: "r1", player: "alice", token: alice.token.text)
    _ = try? core.redeem(zone: "ranked", room: "r1", player: "alice", token: "not-a-token")
    let bob = try core.disconnect(zone: "ranked", room: "r1", player: "bob")
    _ = try core.disconnect(zone: "ranked", room: "r1", player: "bob")
    _ = try? core.redeem(zone: "ranked", room: "r1", player: "bob", token: bob.token.text)
    try core.cancelSession(zone: "ranked", room: "r1", player: "bob", reason: .admin)
    _ = try core.disconnect(zone: "ranked", room: "r2", player: "carol")
    clock.advance(seconds: 46)
    core.sweep()
    _ = try core.disconnect(zone: "ranked", room: "r3", player: "dave")
}

/// A fresh, empty directory under the system's temporary directory.
func makeTemporaryDirectory() -> String {
    var template = Array("/tmp/reconnectd-metrics-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp failed")
    return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

/// Writes `text` to `path`, replacing what was there.
func writeFile(_ path: String, _ text: String) {
    guard let file = fopen(path, "w") else { preconditionFailure("cannot write \(path)") }
    fputs(text, file)
    fclose(file)
}
