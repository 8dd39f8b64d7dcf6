/// Everything a run needs, from the command line.
struct LoadSettings: Sendable {
    var host: String
    var port: Int
    var serverToken: String
    var zone: String
    var players: Int
    var rooms: Int
    var disconnectFraction: Double
    var eventsPerSecond: Double
    var delay: DelayDistribution
    var duration: Double
    /// The shortest time from one wave's start to the next; 0: back to back.
    var waveSeconds: Double
    var threads: Int
    var seed: UInt64

    /// Player `number`'s id and its room's id: short, as a game server's would be.
    func ids(of number: Int) -> (room: String, player: String) {
        ("r-\(number % rooms)", "p-\(number)")
    }
}
