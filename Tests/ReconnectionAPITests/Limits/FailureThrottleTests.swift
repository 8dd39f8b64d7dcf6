import Testing

/// Brute-force defence: failed redeems draw from buckets per address and per player; an empty
/// bucket turns 403 into 429 with Retry-After, and a good token always redeems.
@Suite struct FailureThrottleTests {
    static let stranger = "AAAAAAAAAAAAAAAAAAAAAA"

    @Test func aPlayersBucketEmptiesInto429ButAGoodTokenStillRedeems() throws {
        try withDaemon(configure: { service, _ in service.failuresPerPlayer = .init(burst: 3, refillPerSecond: 0.5) }) { daemon in
            let token = try #require(daemon.disconnect(room: "r1", player: "p1").json["token"] as? String)
            for _ in 0..<3 {
                #expect(try daemon.redeem(room: "r1", player: "p1", token: Self.stranger).code == "token_invalid")
            }
            let throttled = try daemon.redeem(room: "r1", player: "p1", token: Self.stranger)
            #expect(throttled.status == 429)
            #expect(throttled.code == "too_many_failures")
            #expect(throttled.headers["Retry-After"] == "2")
            // Another player's bucket is untouched.
            #expect(try daemon.redeem(room: "r1", player: "p2", token: Self.stranger).status == 403)

            let good = try daemon.redeem(room: "r1", player: "p1", token: token)
            #expect(good.status == 200)

            daemon.clock.advance(seconds: 2)
            #expect(try daemon.redeem(room: "r1", player: "p1", token: Self.stranger).status == 403)
            #expect(try daemon.redeem(room: "r1", player: "p1", token: Self.stranger).status == 429)

            let metrics = try daemon.scrape()
            #expect(metrics.value("reconnection_http_rejections_total", ["reason": "too_many_failures"]) == 2)
            #expect(metrics.value("reconnection_validation_failures_total", ["zone": "default", "reason": "unknown_token"]) == 7)
        }
    }

    @Test func anAddressBucketCoversEveryPlayer() throws {
        try withDaemon(configure: { service, _ in service.failuresPerAddress = .init(burst: 4, refillPerSecond: 1) }) { daemon in
            let statuses = try (0..<6).map { try daemon.redeem(room: "r", player: "p\($0)", token: Self.stranger).status }
            #expect(statuses == [403, 403, 403, 403, 429, 429])
        }
    }

    @Test func failuresOtherThanTokenInvalidDoNotDraw() throws {
        try withDaemon(configure: { service, _ in service.failuresPerPlayer = .init(burst: 1, refillPerSecond: 0.01) }) { daemon in
            let token = try #require(daemon.disconnect(room: "r1", player: "p1").json["token"] as? String)
            #expect(try daemon.redeem(room: "r1", player: "p1", token: token).status == 200)
            // Replays of a redeemed token are 409 already_connected: a client bug, not guessing.
            for _ in 0..<3 {
                #expect(try daemon.redeem(room: "r1", player: "p1", token: token).status == 409)
            }
            #expect(try daemon.redeem(room: "r1", player: "p1", token: Self.stranger).status == 403)
            #expect(try daemon.redeem(room: "r1", player: "p1", token: Self.stranger).status == 429)
        }
    }
}
