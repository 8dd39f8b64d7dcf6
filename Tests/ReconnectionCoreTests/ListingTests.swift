import Testing
import ReconnectionCore

@Suite("Listing pending sessions")
struct ListingTests {
    /// Opens sessions in rooms r0…r(rooms-1), players p0…p(players-1), in a scrambled order.
    private func populate(_ harness: Harness, rooms: Int, players: Int) throws -> [String] {
        var keys: [(String, String)] = []
        for room in 0..<rooms {
            for player in 0..<players { keys.append(("r\(room)", "p\(player)")) }
        }
        var random = SplitMix64(seed: 42)
        keys.shuffle(using: &random)
        for (room, player) in keys { try harness.disconnect(room, player) }
        return keys.map { "\($0.0)/\($0.1)" }.sorted()
    }

    @Test("sessions come ordered by room then player, with what a listing may show")
    func ordered() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 60, phaseGraceSeconds: ["lobby": 90]))
        let expected = try populate(harness, rooms: 12, players: 5)
        let receipt = try harness.disconnect("r3", "p2", phase: "lobby", authority: true)
        let page = try harness.core.pendingSessions(zone: Harness.zone, limit: 1000)
        #expect(page.next == nil)
        #expect(page.sessions.map { "\($0.room)/\($0.player)" } == expected)
        let rotated = try #require(page.sessions.first { $0.room == "r3" && $0.player == "p2" })
        #expect(rotated.phase == "lobby" && rotated.authority)
        #expect(rotated.disconnectedAt == receipt.disconnectedAt && rotated.expiresAt == receipt.expiresAt)
        #expect(page.sessions.filter { $0 != rotated }.allSatisfy { $0.phase == "default" && !$0.authority })
    }

    @Test("a listed session carries no token, in any field or text")
    func noToken() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        let session = try #require(try harness.allPending().first)
        let text = receipt.token.text
        let fields = Mirror(reflecting: session).children
        #expect(Set(fields.compactMap(\.label)) == ["room", "player", "phase", "authority", "disconnectedAt", "expiresAt"])
        #expect(!fields.contains { $0.value is RejoinToken })
        #expect(!String(reflecting: session).contains(text))
    }

    @Test("a room filter lists that room only")
    func roomFilter() throws {
        let harness = try Harness()
        _ = try populate(harness, rooms: 20, players: 3)
        let sessions = try harness.allPending(room: "r7")
        #expect(sessions.map(\.player) == ["p0", "p1", "p2"])
        #expect(sessions.allSatisfy { $0.room == "r7" })
        #expect(try harness.allPending(room: "absent").isEmpty)
        #expect(invalidFieldName { _ = try harness.core.pendingSessions(zone: Harness.zone, room: "a b") } == "room")
        #expect(failure { _ = try harness.core.pendingSessions(zone: "nope") } == .zoneNotFound)
    }

    @Test("pages of any size cover every session exactly once", arguments: [1, 7, 50, 99, 100, 101])
    func pagination(limit: Int) throws {
        let harness = try Harness()
        let expected = try populate(harness, rooms: 20, players: 5)
        var seen: [String] = []
        var cursor: SessionCursor?
        var pages = 0
        repeat {
            let page = try harness.core.pendingSessions(zone: Harness.zone, limit: limit, after: cursor)
            #expect(page.sessions.count <= limit)
            #expect(!page.sessions.isEmpty)
            seen += page.sessions.map { "\($0.room)/\($0.player)" }
            cursor = page.next
            pages += 1
        } while cursor != nil && pages <= expected.count
        #expect(seen == expected)
        #expect(pages == (expected.count + limit - 1) / limit)
    }

    @Test("a cursor resumes within one room too")
    func pagedRoom() throws {
        let harness = try Harness()
        _ = try populate(harness, rooms: 3, players: 5)
        let first = try harness.core.pendingSessions(zone: Harness.zone, room: "r1", limit: 2)
        #expect(first.sessions.map(\.player) == ["p0", "p1"])
        #expect(first.next == SessionCursor(room: "r1", player: "p1"))
        let rest = try harness.core.pendingSessions(zone: Harness.zone, room: "r1", limit: 10, after: first.next)
        #expect(rest.sessions.map(\.player) == ["p2", "p3", "p4"] && rest.next == nil)
    }

    @Test("sessions that ended are not listed; the count matches the gauge")
    func endedSessions() throws {
        let harness = try Harness(ZoneSettings(graceSeconds: 30))
        let receipt = try harness.disconnect("r", "a")
        try harness.disconnect("r", "b")
        try harness.disconnect("r", "c")
        try harness.disconnect("r", "c")
        try harness.redeem(receipt)
        try harness.core.cancelSession(zone: Harness.zone, room: "r", player: "b")
        #expect(try harness.allPending().map(\.player) == ["c"])
        #expect(harness.stats.activeSessions == 1)
    }

    @Test("cursors order by room first")
    func cursorOrder() {
        #expect(SessionCursor(room: "a", player: "z") < SessionCursor(room: "b", player: "a"))
        #expect(SessionCursor(room: "a", player: "a") < SessionCursor(room: "a", player: "b"))
        #expect(!(SessionCursor(room: "a", player: "a") < SessionCursor(room: "a", player: "a")))
    }
}
