import ArgumentParser
import Foundation
import MicroHTTP

/// `reconnectd-load`: plays players dropping and coming back against a running daemon over
/// HTTP keep-alive, then reports throughput and latency per request kind and checks the
/// zone's counters.
@main
struct ReconnectdLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load generator for reconnectd: waves of players disconnecting at once, reconnecting after a delay, rooms sending events.")

    @Option(help: "The daemon, http://HOST:PORT.")
    var url = "http://127.0.0.1:8080"
    @Option(help: "The server token (default: $RECONNECTD_SERVER_TOKEN).")
    var token: String?
    @Option(help: "The admin token, to create the zone when it is missing (default: $RECONNECTD_ADMIN_TOKEN).")
    var adminToken: String?
    @Option(help: "The zone to play in.")
    var zone = "default"
    @Option(help: "Players in all.")
    var players = 1000
    @Option(help: "Rooms the players are spread over (player n plays in room n mod rooms).")
    var rooms = 100
    @Option(help: "Fraction of the players who disconnect at once in each wave (0...1).")
    var disconnectFraction = 0.2
    @Option(help: "Room events per second, all rooms together.")
    var eventsPerSecond = 100.0
    @Option(help: "Time away before reconnecting: fixed:S, uniform:A-B or exp:MEAN (seconds), or never (sessions stay pending).")
    var reconnectDelay = "uniform:0.1-2"
    @Option(help: "Seconds to play; waves stop starting after it and players away come back at once.")
    var duration = 10.0
    @Option(help: "Shortest time from one wave's start to the next, in seconds (0: back to back).")
    var waveSeconds = 0.0
    @Option(help: "Worker threads, each with one keep-alive connection.")
    var threads = 4
    @Option(help: "Seed of the random choices, so a run can be replayed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (try? target()) != nil else { throw ValidationError("--url must be http://HOST:PORT") }
        guard serverToken != nil else { throw ValidationError("pass --token or set RECONNECTD_SERVER_TOKEN") }
        guard players >= 1, rooms >= 1, rooms <= players else { throw ValidationError("need 1 <= --rooms <= --players") }
        guard (0...1).contains(disconnectFraction) else { throw ValidationError("--disconnect-fraction must be from 0 to 1") }
        guard eventsPerSecond >= 0, duration > 0, duration <= 86_400, waveSeconds >= 0 else {
            throw ValidationError("--events-per-second, --duration and --wave-seconds must be positive (duration at most a day)")
        }
        guard DelayDistribution(reconnectDelay) != nil else {
            throw ValidationError("--reconnect-delay must be fixed:S, uniform:A-B, exp:MEAN or never")
        }
        guard (1...1024).contains(threads), threads <= players else { throw ValidationError("need 1 <= --threads <= min(1024, --players)") }
    }

    func run() throws {
        let (host, port) = try target()
        let settings = LoadSettings(
            host: host, port: port, serverToken: serverToken!, zone: zone, players: players, rooms: rooms,
            disconnectFraction: disconnectFraction, eventsPerSecond: eventsPerSecond,
            delay: DelayDistribution(reconnectDelay)!, duration: duration, waveSeconds: waveSeconds,
            threads: threads, seed: seed)
        let control = HTTPClientConnection(host: host, port: port, timeout: .seconds(30))
        do {
            try ZonePreflight(settings: settings, adminToken: adminToken ?? environment("RECONNECTD_ADMIN_TOKEN"))
                .check(control)
        } catch {
            log("reconnectd-load: \(error)")
            throw ExitCode(2)
        }
        let before = try ZoneCounters.scrape(control, zone: zone)
        log("playing \(players) players in \(rooms) rooms of zone \(zone) for \(duration) s: waves of \(disconnectFraction), "
            + "delay \(settings.delay), \(eventsPerSecond) events/s, \(threads) threads")
        let (tally, seconds) = LoadRun(settings: settings).play()
        // The control connection sat idle through the run, longer than the daemon may keep it.
        control.close()
        let after = try ZoneCounters.scrape(control, zone: zone)
        print(Summary.table(tally, seconds: seconds))
        print()
        print(Summary.counters(before, after, zone: zone))
        let issued = tally.latencies[RequestKind.disconnect.rawValue].count - UInt64(tally.errors[RequestKind.disconnect.rawValue])
        print("this run's successful disconnects: \(issued), tokens issued meanwhile: \(after.issued &- before.issued)")
        for sample in tally.samples { print("error: \(sample)") }
        let errors = tally.errors.reduce(0, +)
        guard errors == 0, after.isBalanced else {
            log("reconnectd-load: FAILED (\(errors) errors, invariant \(after.isBalanced ? "holds" : "broken"))")
            throw ExitCode(1)
        }
    }

    private var serverToken: String? { token ?? environment("RECONNECTD_SERVER_TOKEN") }

    private func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Host and port of `--url`; only plain http.
    private func target() throws -> (String, Int) {
        guard url.hasPrefix("http://") else { throw ValidationError("only http:// URLs") }
        var rest = url.dropFirst("http://".count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port)
        else { throw ValidationError("--url needs a port") }
        let host = rest[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty, !host.contains("/") else { throw ValidationError("--url needs a host") }
        return (host, port)
    }
}
