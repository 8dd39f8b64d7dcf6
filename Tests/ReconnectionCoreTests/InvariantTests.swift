import Testing
@testable import ReconnectionCore

/// What the core should hold, kept by the test from the operations alone.
private struct Model {
    struct Key: Hashable { var room: String, player: String }
    var pending: [Key: DisconnectReceipt] = [:]
    var deadlines: [Key: Timestamp] = [:]
    var ended: [DisconnectReceipt] = []
    var issued: UInt64 = 0
    var completions: UInt64 = 0
    var expirations: UInt64 = 0
    var cancellations: [CancellationReason: UInt64] = [:]
    var failures: UInt64 = 0
    var settings: ZoneSettings

    mutating func end(_ key: Key) {
        if let receipt = pending.removeValue(forKey: key) { ended.append(receipt) }
        deadlines[key] = nil
        if ended.count > 300 { ended.removeFirst(100) }
    }

    mutating func cancel(_ key: Key, _ reason: CancellationReason) {
        end(key)
        cancellations[reason, default: 0] += 1
    }
}

@Suite("Counter invariant")
struct InvariantTests {
    private static let rooms = ["r0", "r1", "r2", "r3", "r4"]
    private static let players = ["a", "b", "c", "d", "e", "f"]
    private static let phases: [String?] = [nil, "lobby", "mid_round"]

    @Test("thousands of random operations keep the counters balanced and equal to a model", arguments: [1, 2, 3] as [UInt64])
    func randomized(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var model = Model(settings: ZoneSettings(graceSeconds: 30, phaseGraceSeconds: ["lobby": 60], eventBufferSize: 8))
        let harness = try Harness(model.settings)
        for step in 0..<3000 {
            try perform(Int.random(in: 0..<100, using: &random), on: harness, model: &model, random: &random)
            try check(harness, against: model, step: step)
        }
        #expect(model.issued > 500 && model.completions > 100 && model.expirations > 20, "the run exercised the core")
        #expect(model.cancellations.values.reduce(0, +) > 50 && model.failures > 100)
    }

    private func perform(_ roll: Int, on harness: Harness, model: inout Model, random: inout SplitMix64) throws {
        let key = Model.Key(room: Self.rooms.randomElement(using: &random)!, player: Self.players.randomElement(using: &random)!)
        let now = harness.now
        switch roll {
        case 0..<25:
            let receipt = try harness.disconnect(key.room, key.player, phase: Self.phases.randomElement(using: &random)!)
            if model.pending[key] != nil {
                if model.deadlines[key]! <= now { model.expirations += 1 } else { model.cancellations[.tokenRotated, default: 0] += 1 }
                model.end(key)
            }
            model.pending[key] = receipt
            model.deadlines[key] = receipt.expiresAt
            model.issued += 1
        case 25..<45:
            guard let (key, receipt) = model.pending.randomElement(using: &random) else { return }
            if model.deadlines[key]! <= now {
                #expect(failure { try harness.redeem(receipt) } == .tokenRejected(.expired))
                model.expirations += 1
                model.failures += 1
            } else {
                #expect(try harness.redeem(receipt).player == key.player)
                model.completions += 1
            }
            model.end(key)
        case 45..<55:
            try redeemBadly(harness, model: &model, random: &random)
        case 55..<60:
            if model.pending[key] != nil {
                try harness.core.cancelSession(zone: Harness.zone, room: key.room, player: key.player, reason: .admin)
                model.cancel(key, .admin)
            } else {
                #expect(failure { try harness.core.cancelSession(zone: Harness.zone, room: key.room, player: key.player) } == .sessionNotFound)
            }
        case 60..<63:
            try harness.core.closeRoom(zone: Harness.zone, room: key.room)
            for closed in model.pending.keys where closed.room == key.room { model.cancel(closed, .roomClosed) }
        case 63..<73:
            try harness.append(Int.random(in: 1...4, using: &random), to: key.room)
        case 73..<88:
            harness.clock.advance(seconds: Double(Int.random(in: 0...8000, using: &random)) / 1000)
        case 88..<96:
            let due = model.deadlines.filter { $0.value <= now }.map(\.key)
            #expect(harness.core.sweep().expired == due.count)
            model.expirations += UInt64(due.count)
            for key in due { model.end(key) }
        default:
            let settings = ZoneSettings(
                graceSeconds: [10, 30, 45].randomElement(using: &random)!,
                phaseGraceSeconds: [[:], ["lobby": 20], ["lobby": 90, "mid_round": 15]].randomElement(using: &random)!,
                eventBufferSize: 8)
            let rebasing = Bool.random(using: &random)
            try harness.core.putZone(named: Harness.zone, settings: settings, rebasingPending: rebasing)
            // Rebasing re-applies the windows even when the settings are unchanged.
            if rebasing {
                for (key, receipt) in model.pending {
                    model.deadlines[key] = receipt.disconnectedAt.adding(seconds: settings.window(for: receipt.phase).seconds)
                }
            }
            model.settings = settings
        }
    }

    /// A token that must fail: one that ended, a stranger, or a pending one for another player.
    private func redeemBadly(_ harness: Harness, model: inout Model, random: inout SplitMix64) throws {
        let before = harness.stats
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            guard let receipt = model.ended.randomElement(using: &random) else { return }
            guard case .tokenRejected? = failure({ try harness.redeem(receipt) }) else {
                Issue.record("an ended token was not rejected")
                return
            }
        case 1:
            let stranger = RejoinToken(selector: random.next(), verifier: random.next()).text
            #expect(failure { _ = try harness.core.redeem(zone: Harness.zone, room: "r0", player: "a", token: stranger) } == .tokenRejected(.unknownToken))
        default:
            guard let (key, receipt) = model.pending.randomElement(using: &random) else { return }
            let text = receipt.token.text
            #expect(failure { _ = try harness.core.redeem(zone: Harness.zone, room: key.room, player: key.player + "x", token: text) } == .tokenRejected(.bindingMismatch))
        }
        model.failures += 1
        var after = harness.stats
        after.validationFailures = before.validationFailures
        #expect(after == before, "a failed redeem changed nothing but its failure counter")
    }

    private func check(_ harness: Harness, against model: Model, step: Int) throws {
        let stats = harness.stats
        let at = Comment(rawValue: "step \(step)")
        #expect(stats.isBalanced, at)
        #expect(stats.tokensIssued == model.issued, at)
        #expect(stats.completions == model.completions, at)
        #expect(stats.expirations == model.expirations, at)
        for reason in CancellationReason.allCases {
            #expect(stats.cancellations(reason) == model.cancellations[reason, default: 0], at)
        }
        #expect(stats.validationFailures.reduce(0, +) == model.failures, at)
        #expect(stats.activeSessions == UInt64(model.pending.count), at)
        // The listing leaves out sessions past their deadline that no sweep has expired yet.
        let listed = try harness.allPending()
        let now = harness.clock.now()
        let listedDeadlines = Dictionary(uniqueKeysWithValues: listed.map { (Model.Key(room: $0.room, player: $0.player), $0.expiresAt) })
        #expect(listedDeadlines == model.deadlines.filter { $0.value > now }, at)
    }
}
