import ReconnectionCore

/// Ids as the load generator spells them: short, so they fit Swift's inline small strings,
/// as the daemon's JSON parser makes them. (An interpolated string stays in the heap buffer it
/// was built in, and every copy of it would retain and release that buffer.)
enum Ids {
    static func rooms(_ count: Int, prefix: String = "r-") -> [String] {
        (0..<count).map { compact("\(prefix)\($0)") }
    }

    static func players(_ count: Int) -> [String] {
        (0..<count).map { compact("p-\($0)") }
    }

    static func compact(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }
}

/// A core on a manual clock with one zone, `bench`, and the ids a benchmark walks through.
///
/// A class so benchmark closures can share one across iterations; each benchmark uses its own
/// from a single thread unless it says otherwise.
final class Bench: @unchecked Sendable {
    // @unchecked: the benchmark library runs one benchmark's iterations on one thread; the
    // multi-threaded benchmark gives each thread its own rooms and touches only the core,
    // which is Sendable.
    static let zone = "bench"
    let clock = ManualClock()
    let core: Reconnector
    let rooms: [String]
    let players: [String]
    private(set) var cursor = 0

    init(settings: ZoneSettings, rooms: Int, playersPerRoom: Int, roomPrefix: String = "r-") {
        core = Reconnector(clock: clock)
        // Fixed, valid settings: a failure here is a bug in the benchmark.
        try! core.putZone(named: Self.zone, settings: settings)
        self.rooms = Ids.rooms(rooms, prefix: roomPrefix)
        self.players = Ids.players(playersPerRoom)
    }

    /// The next (room, player), walking every room before reusing a player slot.
    func next() -> (room: String, player: String) {
        defer { cursor &+= 1 }
        let room = rooms[cursor % rooms.count]
        let player = players[(cursor / rooms.count) % players.count]
        return (room, player)
    }

    /// One disconnect and the redeem of its token, as a game server and its player make them.
    @inline(__always)
    func pair() throws(ReconnectionError) {
        let (room, player) = next()
        let receipt = try core.disconnect(zone: Self.zone, room: room, player: player)
        let back = try core.redeem(zone: Self.zone, room: room, player: player, token: receipt.token.text)
        precondition(back.player == player)
    }
}
