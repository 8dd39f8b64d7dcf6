import Testing

/// API.md's invariant, read from a real scrape after a mixed workload over HTTP:
/// `tokens_issued = completions + expirations + cancellations + sessions_active`, per zone.
@Suite struct CounterInvariantTests {
    @Test func scrapedCountersBalanceAfterAMixedWorkload() throws {
        try withDaemon { daemon in
            try daemon.putZone("ranked", #""grace_seconds": 30, "event_buffer_size": 3"#)
            var tokens: [String: String] = [:]
            for index in 0..<12 {
                tokens["p\(index)"] = try daemon.tokenFor("ranked", room: "r\(index % 3)", player: "p\(index)")
            }
            _ = try daemon.tokenFor("ranked", room: "r0", player: "p0")  // rotation
            _ = try daemon.tokenFor("ranked", room: "r1", player: "p1")  // rotation
            for index in [3, 4, 5] {
                #expect(try daemon.redeem("ranked", room: "r\(index % 3)", player: "p\(index)", token: tokens["p\(index)"]!).status == 200)
            }
            #expect(try daemon.redeem("ranked", room: "r0", player: "p0", token: tokens["p0"]!).status == 403)
            #expect(try daemon.send("DELETE", "/v1/zones/ranked/rooms/r2/players/p8", token: serverToken).status == 204)
            #expect(try daemon.send("DELETE", "/v1/zones/ranked/rooms/r2/players/p11", token: adminToken).status == 204)
            #expect(try daemon.send("DELETE", "/v1/zones/ranked/rooms/r1", token: serverToken).status == 204)
            daemon.clock.advance(seconds: 20)
            _ = try daemon.tokenFor("ranked", room: "r5", player: "late")
            daemon.clock.advance(seconds: 11)
            daemon.service.reconnector.sweep()
            #expect(try daemon.redeem("ranked", room: "r0", player: "p6", token: tokens["p6"]!).status == 410)
            _ = try daemon.tokenFor("ranked", room: "r6", player: "fresh")
            _ = try daemon.tokenFor(room: "elsewhere", player: "p1")

            let scrape = try daemon.scrape()
            for zone in ["ranked", "default"] {
                let issued = scrape.value("reconnection_tokens_issued_total", ["zone": zone]) ?? -1
                let completions = scrape.value("reconnection_completions_total", ["zone": zone]) ?? -1
                let expirations = scrape.value("reconnection_expirations_total", ["zone": zone]) ?? -1
                let cancellations = scrape.value("reconnection_cancellations_total", ["zone": zone]) ?? -1
                let active = scrape.value("reconnection_sessions_active", ["zone": zone]) ?? -1
                #expect(issued == completions + expirations + cancellations + active, "zone \(zone)")
            }
            // The figures themselves, so a balanced but wrong count still fails.
            #expect(scrape.value("reconnection_tokens_issued_total", ["zone": "ranked"]) == 16)
            #expect(scrape.value("reconnection_completions_total", ["zone": "ranked"]) == 3)
            #expect(scrape.value("reconnection_cancellations_total", ["zone": "ranked"]) == 7)  // 2 rotated, 2 cancelled, 3 room_closed
            #expect(scrape.value("reconnection_expirations_total", ["zone": "ranked"]) == 4)
            #expect(scrape.value("reconnection_sessions_active", ["zone": "ranked"]) == 2)
            #expect(scrape.value("reconnection_tokens_issued_total", ["zone": "default"]) == 1)
        }
    }
}
