import Testing
import ReconnectionCore

@Suite("Expiry")
struct ExpiryTests {
    @Test("a sweep one nanosecond before the deadline expires nothing; at the deadline it expires")
    func deadlineEdge() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let receipt = try harness.disconnect()
        harness.clock.set(receipt.expiresAt.plus(nanoseconds: -1))
        #expect(harness.core.sweep().expired == 0)
        #expect(harness.stats.activeSessions == 1)
        harness.clock.set(receipt.expiresAt)
        let result = harness.core.sweep()
        #expect(result.expired == 1 && result.maxLatenessSeconds == 0)
        let stats = harness.stats
        #expect(stats.expirations == 1 && stats.activeSessions == 0 && stats.isBalanced)
        #expect(try harness.allPending().isEmpty)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
    }

    @Test("a redeem at exactly the deadline is expired even before a sweep")
    func redeemAtDeadline() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let late = try harness.disconnect("r", "late")
        let onTime = try harness.disconnect("r", "ok")
        harness.clock.set(onTime.expiresAt.plus(nanoseconds: -1))
        #expect(try harness.redeem(onTime).player == "ok")
        harness.clock.set(late.expiresAt)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(late) }
        let stats = harness.stats
        #expect(stats.expirations == 1 && stats.completions == 1 && stats.activeSessions == 0 && stats.isBalanced)
        // The sweep that comes later must not count it a second time.
        #expect(harness.core.sweep().expired == 0)
        #expect(harness.stats.expirations == 1)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(late) }
    }

    @Test("an expired token answers expired for max(60 s, window) after its deadline, then is unknown", arguments: [30, 300])
    func tombstone(window: Int) throws {
        let harness = try Harness(ZoneSettings(graceSeconds: window))
        let receipt = try harness.disconnect()
        let retention = max(60, window)
        harness.clock.set(receipt.expiresAt)
        harness.core.sweep()
        harness.clock.set(receipt.expiresAt.plus(seconds: 60, nanoseconds: -1_000_000))
        harness.core.sweep()
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
        harness.clock.set(receipt.expiresAt.plus(seconds: retention, nanoseconds: -1_000_000))
        #expect(harness.core.sweep().tombstonesPurged == 0)
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
        harness.clock.set(receipt.expiresAt.plus(seconds: retention))
        #expect(harness.core.sweep().tombstonesPurged == 1)
        #expect(harness.core.tokenRecordCount == 0)
        expectRejected(harness, .tokenRejected(.unknownToken), counting: .unknownToken) { try harness.redeem(receipt) }
    }

    @Test("a token expired by a late redeem keeps its tombstone from the deadline, not from the redeem")
    func tombstoneFromDeadline() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 10))
        let receipt = try harness.disconnect()
        harness.clock.set(receipt.expiresAt.plus(seconds: 30))
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(receipt) }
        harness.clock.set(receipt.expiresAt.plus(seconds: 60))
        #expect(harness.core.sweep().tombstonesPurged == 1)
        expectRejected(harness, .tokenRejected(.unknownToken), counting: .unknownToken) { try harness.redeem(receipt) }
    }

    @Test("a redeemed token is reused until its original deadline, then unknown")
    func redeemedTombstone() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let receipt = try harness.disconnect()
        try harness.redeem(receipt)
        harness.clock.set(receipt.expiresAt.plus(nanoseconds: -1))
        #expect(harness.core.sweep().tombstonesPurged == 0)
        expectRejected(harness, .tokenRejected(.reused), counting: .reused) { try harness.redeem(receipt) }
        harness.clock.set(receipt.expiresAt)
        let result = harness.core.sweep()
        #expect(result.expired == 0 && result.tombstonesPurged == 1)
        expectRejected(harness, .tokenRejected(.unknownToken), counting: .unknownToken) { try harness.redeem(receipt) }
    }

    @Test("a sweep counts only what is due and reports how late it ran")
    func dueOnly() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 100, phaseGraceSeconds: ["short": 10]))
        for index in 0..<500 {
            try harness.disconnect("r\(index % 37)", "long\(index)")
        }
        var short: [DisconnectReceipt] = []
        for index in 0..<7 {
            short.append(try harness.disconnect("r\(index)", "short\(index)", phase: "short"))
            harness.clock.advance(seconds: 1)
        }
        // The first short session is 2.5 s late, the last 3.5 s early.
        harness.clock.set(short[0].expiresAt.plus(seconds: 2, nanoseconds: 500_000_000))
        let result = harness.core.sweep()
        #expect(result.expired == 3)
        #expect(abs(result.maxLatenessSeconds - 2.5) < 1e-9)
        #expect(harness.stats.activeSessions == 504 && harness.stats.expirations == 3)
        #expect(try harness.allPending().count == 504)
        #expect(try harness.redeem(short[3]).player == "short3")
        expectRejected(harness, .tokenRejected(.expired), counting: .expired) { try harness.redeem(short[2]) }
        #expect(harness.core.sweep().expired == 0)
        harness.clock.set(harness.now.plus(seconds: 100))
        #expect(harness.core.sweep().expired == 503)
        #expect(harness.stats.activeSessions == 0 && harness.stats.isBalanced)
    }

    @Test("a listing shows what is left of each window")
    func remaining() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 40))
        try harness.disconnect()
        harness.clock.advance(seconds: 15.5)
        let session = try #require(try harness.allPending().first)
        #expect(session.remainingSeconds(at: harness.now) == 24.5)
        #expect(session.remainingSeconds(at: session.expiresAt.plus(seconds: 5)) == 0)
    }
}
