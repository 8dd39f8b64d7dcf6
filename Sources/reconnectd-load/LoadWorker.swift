import MicroHTTP

/// One thread's players and its keep-alive connection: in each wave it disconnects its share
/// of the wave's players at once, then reconnects each after its drawn delay with the token it
/// got, and sends its share of the room events meanwhile.
final class LoadWorker: @unchecked Sendable {
    // @unchecked: a worker is built on the main thread, handed to exactly one worker thread,
    // and its tally read only after that thread left the DispatchGroup the main thread waits on.
    private let settings: LoadSettings
    private let counts: LiveCounts
    private let connection: HTTPClientConnection
    private let headers: HTTPHeaders
    /// Global numbers of the players this worker plays.
    private let players: [Int]
    private var random: SplitMix64
    private var nextEventAt: Double
    private let eventInterval: Double
    private(set) var tally = WorkerTally()

    init(index: Int, settings: LoadSettings, counts: LiveCounts) {
        self.settings = settings
        self.counts = counts
        connection = HTTPClientConnection(host: settings.host, port: settings.port, timeout: .seconds(10))
        headers = ["Authorization": "Bearer \(settings.serverToken)", "Content-Type": "application/json"]
        players = Array(stride(from: index, to: settings.players, by: settings.threads))
        random = SplitMix64(seed: settings.seed &+ UInt64(index) &* 0x9E37_79B9)
        let share = settings.eventsPerSecond / Double(settings.threads)
        eventInterval = share > 0 ? 1 / share : .infinity
        nextEventAt = share > 0 ? monotonicSeconds() + eventInterval * random.unit() : .infinity
    }

    /// Plays waves until `deadline` (monotonic seconds); every wave starts at the barrier.
    func run(until deadline: Double, barrier: WaveBarrier) {
        while monotonicSeconds() < deadline {
            barrier.arrive()
            playWave(until: deadline)
        }
        barrier.leave()
        connection.close()
    }

    /// One wave: the burst of disconnects, then reconnects as they fall due and events as
    /// their rate asks. It lasts until its last player is back and `waveSeconds` have passed.
    private func playWave(until deadline: Double) {
        let started = monotonicSeconds()
        var away: [(dueAt: Double, player: Int, token: String)] = []
        for player in chooseWave() {
            let sent = monotonicSeconds()
            guard let token = disconnect(player) else { continue }
            counts.away.add(1, ordering: .relaxed)
            let delay = settings.delay.draw(using: &random)
            // `never`: the player stays away and the session pending.
            if delay.isFinite { away.append((sent + delay, player, token)) }
        }
        away.sort { $0.dueAt > $1.dueAt }  // soonest last, so removeLast takes it
        // A wave nobody comes back from (a fraction of 0, or `never`) sends events until the run ends.
        let waveEnds = away.isEmpty ? deadline : started + settings.waveSeconds
        while true {
            let now = monotonicSeconds()
            if let next = away.last, now >= next.dueAt || now >= deadline {
                // Past the run's end nobody waits: the rest reconnect now, so the run stops on time.
                away.removeLast()
                reconnect(next.player, token: next.token)
                counts.away.subtract(1, ordering: .relaxed)
            } else if away.isEmpty && (now >= waveEnds || now >= deadline) {
                return
            } else if now >= nextEventAt && now < deadline {
                sendEvent()
            } else {
                sleep(until: min(away.last?.dueAt ?? waveEnds, nextEventAt, deadline, max(waveEnds, now)))
            }
        }
    }

    /// The players of this wave: `disconnectFraction` of this worker's, drawn afresh.
    private func chooseWave() -> ArraySlice<Int> {
        var shuffled = players
        let count = Int((settings.disconnectFraction * Double(players.count)).rounded())
        for index in 0..<min(count, shuffled.count) {
            shuffled.swapAt(index, index + Int(random.next() % UInt64(shuffled.count - index)))
        }
        return shuffled.prefix(count)
    }

    private func disconnect(_ player: Int) -> String? {
        let (room, id) = settings.ids(of: player)
        let body = #"{"room_id":"\#(room)","player_id":"\#(id)"}"#
        guard let response = send(.disconnect, path: "/v1/zones/\(settings.zone)/disconnects", body: body) else { return nil }
        guard let token = Self.token(in: response.body) else {
            fail(.disconnect, "a 201 disconnect answer without a token")
            return nil
        }
        return token
    }

    private func reconnect(_ player: Int, token: String) {
        let (room, id) = settings.ids(of: player)
        let body = #"{"room_id":"\#(room)","player_id":"\#(id)","token":"\#(token)"}"#
        _ = send(.reconnect, path: "/v1/zones/\(settings.zone)/reconnects", body: body)
    }

    private func sendEvent() {
        nextEventAt += eventInterval
        // A worker that fell behind sends what is due, without a burst to catch up.
        nextEventAt = max(nextEventAt, monotonicSeconds() - 1)
        let room = "r-\(Int(random.next() % UInt64(settings.rooms)))"
        let body = #"{"type":"chat","payload":{"text":"gg","n":\#(random.next() % 1000)}}"#
        _ = send(.event, path: "/v1/zones/\(settings.zone)/rooms/\(room)/events", body: body)
    }

    /// Sends one request and records its latency; `nil` (and an error counted) unless the
    /// answer has the kind's success status.
    private func send(_ kind: RequestKind, path: String, body: String) -> HTTPClientResponse? {
        let started = monotonicSeconds()
        let response: HTTPClientResponse
        do {
            response = try connection.send(method: "POST", path: path, headers: headers, body: Array(body.utf8))
        } catch {
            fail(kind, "\(kind.name): \(error)")
            return nil
        }
        let micros = UInt64(max(0, (monotonicSeconds() - started) * 1e6))
        tally.latencies[kind.rawValue].record(microseconds: micros)
        guard response.status == kind.expectedStatus else {
            fail(kind, "\(kind.name): HTTP \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))")
            return nil
        }
        counts.count(kind)
        return response
    }

    private func fail(_ kind: RequestKind, _ message: String) {
        tally.errors[kind.rawValue] += 1
        if tally.samples.count < 5 { tally.samples.append(message) }
        counts.countError()
    }

    /// The `token` member of a disconnect answer, found without a JSON parser: the daemon
    /// writes it first, as 22 base64url characters.
    static func token(in body: [UInt8]) -> String? {
        let marker = Array(#""token":""#.utf8)
        guard body.count >= marker.count + 22 else { return nil }
        for start in 0...(body.count - marker.count - 22) where body[start..<start + marker.count].elementsEqual(marker) {
            let token = body[(start + marker.count)..<(start + marker.count + 22)]
            return String(decoding: token, as: UTF8.self)
        }
        return nil
    }
}
