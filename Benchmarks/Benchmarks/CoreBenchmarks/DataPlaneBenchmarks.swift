import Benchmark
import Dispatch
import ReconnectionCore

/// Disconnect + redeem pairs: the data plane's unit of work, on one thread and on every core.
///
/// The zone's window is 1 s and the manual clock moves 1 ms per 1,000 pairs, so a steady
/// state holds about a second's worth of tombstones and stale deadline entries; the core is
/// swept every 100 ms of that clock, as the daemon's sweeper does, and the sweeps are measured
/// with the pairs.
func registerDataPlaneBenchmarks() {
    let settings = ZoneSettings(graceSeconds: 1, maxPendingSessions: 10_000_000)
    let pairsConfiguration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal, .instructions],
        warmupIterations: 1, scalingFactor: .mega, maxDuration: .seconds(10), maxIterations: 10)

    let single = Bench(settings: settings, rooms: 4096, playersPerRoom: 16)
    Benchmark("disconnect+redeem pairs, 1 thread", configuration: pairsConfiguration) { benchmark in
        try runPairs(benchmark.scaledIterations.count, on: single, sweeping: true)
    }

    let threads = activeProcessorCount()
    let shared = Bench(settings: settings, rooms: 1, playersPerRoom: 1)
    let walkers = (0..<threads).map { thread in
        Walker(rooms: Ids.rooms(4096, prefix: "t\(thread)-r-"), players: Ids.players(16))
    }
    Benchmark("disconnect+redeem pairs, \(threads) threads", configuration: pairsConfiguration) { benchmark in
        let share = benchmark.scaledIterations.count / threads
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            // Fixed, valid input: a failure is a bug, and a crash says so.
            try! walkers[thread].run(share, core: shared.core, clock: shared.clock, sweeping: thread == 0)
        }
    }
}

/// Runs `count` pairs on `bench`, moving its clock and sweeping as the type comment says.
func runPairs(_ count: Int, on bench: Bench, sweeping: Bool) throws {
    for index in 0..<count {
        try bench.pair()
        if index % 1000 == 999 { bench.advanceAndMaybeSweep(sweeping: sweeping) }
    }
}

extension Bench {
    /// 1 ms more on the clock; a sweep every 100 ms of it.
    func advanceAndMaybeSweep(sweeping: Bool) {
        clock.advance(seconds: 0.001)
        if sweeping, clock.now().nanoseconds % 100_000_000 < 1_000_000 { core.sweep() }
    }
}

/// One thread's walk through its own rooms of the shared zone.
final class Walker: @unchecked Sendable {
    // @unchecked: each walker is used by exactly one thread of concurrentPerform at a time.
    let rooms: [String]
    let players: [String]
    private var cursor = 0

    init(rooms: [String], players: [String]) {
        self.rooms = rooms
        self.players = players
    }

    func run(_ count: Int, core: Reconnector, clock: ManualClock, sweeping: Bool) throws {
        for index in 0..<count {
            let room = rooms[cursor % rooms.count]
            let player = players[(cursor / rooms.count) % players.count]
            cursor &+= 1
            let receipt = try core.disconnect(zone: Bench.zone, room: room, player: player)
            let back = try core.redeem(zone: Bench.zone, room: room, player: player, token: receipt.token.text)
            precondition(back.player == player)
            if index % 1000 == 999 {
                clock.advance(seconds: 0.001)
                if sweeping, clock.now().nanoseconds % 100_000_000 < 2_000_000 { core.sweep() }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

func activeProcessorCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
