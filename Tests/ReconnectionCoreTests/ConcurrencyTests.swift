import Foundation
import Synchronization
import Testing
import ReconnectionCore

/// What one worker saw succeed, per zone, to compare with the zone's counters at the end.
private struct Tally: Sendable {
    var issued: [String: UInt64] = [:]
    var completions: [String: UInt64] = [:]
    var cancelled: [String: UInt64] = [:]
    var failures: [String: UInt64] = [:]

    mutating func merge(_ other: Tally) {
        issued.merge(other.issued, uniquingKeysWith: +)
        completions.merge(other.completions, uniquingKeysWith: +)
        cancelled.merge(other.cancelled, uniquingKeysWith: +)
        failures.merge(other.failures, uniquingKeysWith: +)
    }
}

/// What the threads share besides the core.
///
/// `@unchecked Sendable`: `tally` is only read or written under `lock`. An `NSLock` rather than
/// a `Mutex` because ThreadSanitizer sees pthread locks but not `Mutex` on Linux.
private final class Board: @unchecked Sendable {
    private let lock = NSLock()
    private var tally = Tally()
    let finished = Atomic<Int>(0)
    let unbalancedReads = Atomic<Int>(0)

    func add(_ other: Tally) { lock.withLock { tally.merge(other) } }
    var total: Tally { lock.withLock { tally } }
}

@Suite("Concurrency")
struct ConcurrencyTests {
    /// Zones whose counters are checked; `temp` is deleted and created again throughout.
    private static let checked = ["long", "short"]
    private static let workers = 8
    private static let operationsPerWorker = 2_500

    @Test("many threads on shared zones, with zone edits and sweeps, keep every counter exact")
    func stress() throws {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        try core.putZone(named: "long", settings: ZoneSettings(graceSeconds: 86_400, eventBufferSize: 16))
        try core.putZone(named: "short", settings: ZoneSettings(graceSeconds: 2, phaseGraceSeconds: ["lobby": 5], eventBufferSize: 4))
        try core.putZone(named: "temp", settings: ZoneSettings())

        let board = Board()
        let group = DispatchGroup()
        func spawn(_ body: @escaping @Sendable () -> Void) {
            group.enter()
            Thread { body(); group.leave() }.start()
        }

        for worker in 0..<Self.workers {
            spawn {
                let local = Self.work(core, seed: UInt64(worker + 1))
                board.add(local)
                board.finished.add(1, ordering: .releasing)
            }
        }
        spawn {
            // The ticker: time moves on and sweeps run while the workers do.
            var rounds = 0
            while board.finished.load(ordering: .acquiring) < Self.workers && rounds < 20_000 {
                clock.advance(seconds: 0.05)
                core.sweep()
                for zone in Self.checked where core.statistics(zone: zone)?.isBalanced == false {
                    board.unbalancedReads.add(1, ordering: .relaxed)
                }
                rounds += 1
            }
        }
        spawn {
            // One operator changes windows, with and without rebasing…
            var random = SplitMix64(seed: 99)
            var rounds = 0
            while board.finished.load(ordering: .acquiring) < Self.workers && rounds < 2_000 {
                let long = ZoneSettings(graceSeconds: Int.random(in: 3_600...86_400, using: &random), eventBufferSize: Int.random(in: 0...32, using: &random))
                let short = ZoneSettings(reconnectionEnabled: rounds % 7 != 0, graceSeconds: Int.random(in: 1...3, using: &random), phaseGraceSeconds: ["lobby": 5])
                _ = try? core.putZone(named: "long", settings: long, rebasingPending: Bool.random(using: &random))
                _ = try? core.putZone(named: "short", settings: short, rebasingPending: Bool.random(using: &random))
                if rounds % 4 == 0 {
                    // Creates and deletes from two threads at once meet on the zone directory.
                    _ = try? core.putZone(named: "scratch", settings: ZoneSettings())
                    _ = try? core.deleteZone(named: "scratch")
                }
                rounds += 1
            }
        }
        spawn {
            // …while another deletes `temp` under the workers and creates it again.
            var rounds = 0
            while board.finished.load(ordering: .acquiring) < Self.workers && rounds < 1_000 {
                _ = try? core.deleteZone(named: "temp", force: true)
                _ = try? core.putZone(named: "temp", settings: ZoneSettings(maxPendingSessions: 20))
                _ = core.zones
                rounds += 1
            }
        }
        group.wait()

        let counted = board.total
        #expect(board.unbalancedReads.load(ordering: .relaxed) == 0)
        for zone in Self.checked {
            let stats = try #require(core.statistics(zone: zone))
            #expect(stats.isBalanced, "\(zone)")
            #expect(stats.tokensIssued == counted.issued[zone, default: 0], "\(zone)")
            #expect(stats.completions == counted.completions[zone, default: 0], "\(zone)")
            #expect(stats.cancellations(.cancelled) == counted.cancelled[zone, default: 0], "\(zone)")
            #expect(stats.validationFailures.reduce(0, +) == counted.failures[zone, default: 0], "\(zone)")
            // Listings leave out sessions past their deadline; after a sweep none is left unexpired.
            core.sweep()
            let swept = try #require(core.statistics(zone: zone))
            let listed = try core.pendingSessions(zone: zone, limit: 100_000).sessions
            #expect(UInt64(listed.count) == swept.activeSessions, "\(zone)")
        }
        #expect(counted.issued["long", default: 0] > 1_000 && counted.completions["long", default: 0] > 100, "the workers got work done")

        // Once every window and tombstone has passed, nothing is left pending or held.
        try core.deleteZone(named: "temp", force: true)
        clock.advance(seconds: 2 * 86_400)
        core.sweep()
        clock.advance(seconds: 2 * 86_400)
        core.sweep()
        for zone in Self.checked {
            let stats = try #require(core.statistics(zone: zone))
            #expect(stats.activeSessions == 0 && stats.isBalanced, "\(zone)")
        }
        #expect(core.tokenRecordCount == 0)
    }

    /// One worker's share: disconnects, redeems (good and stale), cancels, events, closes, reads.
    private static func work(_ core: Reconnector, seed: UInt64) -> Tally {
        var random = SplitMix64(seed: seed)
        var tally = Tally()
        var held: [DisconnectReceipt] = []
        for _ in 0..<operationsPerWorker {
            let zone = ["long", "long", "short", "temp"].randomElement(using: &random)!
            let room = "room\(Int.random(in: 0..<12, using: &random))"
            let player = "p\(Int.random(in: 0..<8, using: &random))"
            do {
                switch Int.random(in: 0..<100, using: &random) {
                case 0..<35:
                    let receipt = try core.disconnect(zone: zone, room: room, player: player, phase: Bool.random(using: &random) ? "lobby" : nil)
                    tally.issued[zone, default: 0] += 1
                    held.append(receipt)
                    if held.count > 64 { held.removeFirst(32) }
                case 35..<65:
                    guard let receipt = held.randomElement(using: &random) else { continue }
                    do {
                        _ = try core.redeem(zone: receipt.zone, room: receipt.room, player: receipt.player, token: receipt.token.text)
                        tally.completions[receipt.zone, default: 0] += 1
                    } catch ReconnectionError.tokenRejected, ReconnectionError.reconnectionDisabled {
                        tally.failures[receipt.zone, default: 0] += 1
                    }
                case 65..<72:
                    try core.cancelSession(zone: zone, room: room, player: player)
                    tally.cancelled[zone, default: 0] += 1
                case 72..<90:
                    _ = try core.append([NewRoomEvent(type: "tick", payload: [UInt8(truncatingIfNeeded: seed)])], zone: zone, room: room)
                case 90..<93:
                    try core.closeRoom(zone: zone, room: room)
                case 93..<97:
                    _ = try core.pendingSessions(zone: zone, room: Bool.random(using: &random) ? room : nil, limit: 50)
                default:
                    if let stats = core.statistics(zone: zone), !stats.isBalanced {
                        Issue.record("unbalanced counters read in \(zone)")
                    }
                }
            } catch ReconnectionError.zoneNotFound, ReconnectionError.sessionNotFound, ReconnectionError.reconnectionDisabled, ReconnectionError.zoneFull {
                // Expected under the operator's edits and other workers' moves.
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        return tally
    }
}
