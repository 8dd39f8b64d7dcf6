import Testing
@testable import ReconnectionCore

@Suite("Redeem")
struct RedeemTests {
    @Test("a good token returns authority, the time away and the events missed")
    func success() throws {
        let harness = try Harness()
        try harness.append(3)
        let receipt = try harness.disconnect(authority: true)
        try harness.append(2)
        harness.clock.advance(seconds: 12.481)
        let reconnection = try harness.redeem(receipt)
        #expect(reconnection.zone == Harness.zone && reconnection.room == "r" && reconnection.player == "p")
        #expect(reconnection.authority)
        #expect(abs(reconnection.disconnectedSeconds - 12.481) < 1e-6)
        #expect(reconnection.replay.events.map(\.sequence) == [4, 5])
        #expect(reconnection.replay.isComplete && !reconnection.replay.snapshotRequired)
        let stats = harness.stats
        #expect(stats.completions == 1 && stats.activeSessions == 0 && stats.eventsReplayed == 2)
        #expect(stats.reconnectDurations.count == 1 && abs(stats.reconnectDurations.sum - 12.481) < 1e-6)
        #expect(stats.validationFailures.allSatisfy { $0 == 0 })
    }

    @Test("authority defaults to false")
    func noAuthority() throws {
        let harness = try Harness()
        #expect(try harness.redeem(harness.disconnect()).authority == false)
    }

    @Test("unknown and malformed tokens are unknown_token")
    func unknown() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        let token = receipt.token
        let core = harness.core
        let zone = Harness.zone
        var random = SplitMix64(seed: 1)
        let strangers = [
            RejoinToken(selector: random.next(), verifier: random.next()).text,
            RejoinToken(selector: token.selector, verifier: ~token.verifier).text,
            RejoinToken(selector: token.selector, verifier: token.verifier ^ 1).text,
            RejoinToken(selector: token.selector ^ 1, verifier: token.verifier).text,
            "", "not a token", String(token.text.dropLast()), token.text + "A",
        ]
        for text in strangers {
            expectRejected(harness, .tokenRejected(.unknownToken), counting: .unknownToken) {
                _ = try core.redeem(zone: zone, room: "r", player: "p", token: text)
            }
        }
        #expect(try harness.redeem(receipt).player == "p")
    }

    @Test("a real token for another player, room or zone is a binding mismatch")
    func bindingMismatch() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect("r", "p")
        try harness.disconnect("r", "q")
        try harness.disconnect("s", "p")
        try harness.core.putZone(named: "other", settings: ZoneSettings())
        let core = harness.core
        let text = receipt.token.text
        for (zone, room, player) in [(Harness.zone, "r", "q"), (Harness.zone, "s", "p"), (Harness.zone, "nowhere", "p")] {
            expectRejected(harness, .tokenRejected(.bindingMismatch), counting: .bindingMismatch) {
                _ = try core.redeem(zone: zone, room: room, player: player, token: text)
            }
        }
        #expect(failure { _ = try core.redeem(zone: "other", room: "r", player: "p", token: text) } == .tokenRejected(.bindingMismatch))
        #expect(core.statistics(zone: "other")?.validationFailures(.bindingMismatch) == 1)
        // The mismatches did not consume the token.
        #expect(try harness.redeem(receipt).player == "p")
    }

    @Test("a second redeem is reused; after a new disconnect it is superseded")
    func reuse() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        try harness.redeem(receipt)
        expectRejected(harness, .tokenRejected(.reused), counting: .reused) { try harness.redeem(receipt) }
        let again = try harness.disconnect()
        expectRejected(harness, .tokenRejected(.superseded), counting: .superseded) { try harness.redeem(receipt) }
        #expect(try harness.redeem(again).player == "p")
        expectRejected(harness, .tokenRejected(.reused), counting: .reused) { try harness.redeem(receipt) }
        #expect(harness.stats.completions == 2)
    }

    @Test("rotated, cancelled and room-closed tokens say so")
    func ended() throws {
        let harness = try Harness()
        let rotated = try harness.disconnect("r", "a")
        try harness.disconnect("r", "a")
        expectRejected(harness, .tokenRejected(.rotated), counting: .rotated) { try harness.redeem(rotated) }

        let cancelled = try harness.disconnect("r", "b")
        try harness.core.cancelSession(zone: Harness.zone, room: "r", player: "b")
        expectRejected(harness, .tokenRejected(.cancelled), counting: .cancelled) { try harness.redeem(cancelled) }

        let closed = try harness.disconnect("r2", "c")
        try harness.core.closeRoom(zone: Harness.zone, room: "r2")
        expectRejected(harness, .tokenRejected(.roomClosed), counting: .roomClosed) { try harness.redeem(closed) }
    }

    @Test("a zone disabled after the disconnect refuses the token, which works again once enabled")
    func disabled() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings(reconnectionEnabled: false))
        expectRejected(harness, .reconnectionDisabled, counting: .disabled) { try harness.redeem(receipt) }
        try harness.core.putZone(named: Harness.zone, settings: ZoneSettings())
        #expect(try harness.redeem(receipt).player == "p")
    }

    @Test("an unknown zone or an invalid id counts no failure")
    func notCounted() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        let core = harness.core
        let text = receipt.token.text
        #expect(failure { _ = try core.redeem(zone: "nope", room: "r", player: "p", token: text) } == .zoneNotFound)
        #expect(invalidFieldName { _ = try core.redeem(zone: Harness.zone, room: "r r", player: "p", token: text) } == "room_id")
        #expect(invalidFieldName { _ = try core.redeem(zone: Harness.zone, room: "r", player: "", token: text) } == "player_id")
        #expect(harness.stats.validationFailures.allSatisfy { $0 == 0 })
        #expect(try harness.redeem(receipt).player == "p")
    }
}
