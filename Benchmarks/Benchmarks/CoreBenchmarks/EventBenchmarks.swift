import Benchmark
import ReconnectionCore

/// Buffering room events, and a reconnection that replays them.
func registerEventBenchmarks() {
    let payload = Array(#"{"text":"gg wp, rematch?","at":1234}"#.utf8)
    let event = [NewRoomEvent(type: "chat", payload: payload)]

    let appends = Bench(settings: ZoneSettings(eventBufferSize: 100), rooms: 1000, playersPerRoom: 1)
    Benchmark(
        "event append (buffer of 100, full)",
        configuration: .init(scalingFactor: .mega, maxDuration: .seconds(5), maxIterations: 10)
    ) { benchmark in
        for index in benchmark.scaledIterations {
            let room = appends.rooms[index % appends.rooms.count]
            blackHole(try appends.core.append(event, zone: Bench.zone, room: room))
        }
    }

    // 1,000 rooms with 100 events each; every iteration disconnects one player per room
    // (not measured), then measures the 1,000 reconnections that replay all 100 events.
    let replays = Bench(settings: ZoneSettings(eventBufferSize: 100), rooms: 1000, playersPerRoom: 1)
    for room in replays.rooms {
        for _ in 0..<100 { _ = try! replays.core.append(event, zone: Bench.zone, room: room) }
    }
    Benchmark(
        "redeem replaying 100 events",
        configuration: .init(scalingFactor: .kilo, maxDuration: .seconds(5))
    ) { benchmark in
        let tokens = try replays.rooms.map { room in
            try replays.core.disconnect(zone: Bench.zone, room: room, player: "p-0").token.text
        }
        benchmark.startMeasurement()
        for (room, token) in zip(replays.rooms, tokens) {
            let back = try replays.core.redeem(zone: Bench.zone, room: room, player: "p-0", token: token, lastSequence: 0)
            precondition(back.replay.events.count == 100)
        }
    }
}
