import Benchmark
import ReconnectionCore

/// One sweep over 1,000,000 pending sessions of which 1% are due.
///
/// Sessions are registered over 100 seconds of the manual clock, 10,000 a second, with a
/// 100-second window, so each further second brings exactly 1% of them due. Every iteration
/// moves the clock one second, then (not measured) registers 10,000 new sessions so that
/// 1,000,000 stay pending, then measures one sweep: it expires the 10,000 due.
func registerExpiryBenchmarks() {
    let pending = 1_000_000
    let perSecond = pending / 100
    let state = ExpiryState()

    Benchmark(
        "expiry sweep, 1M pending, 1% due",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .instructions], warmupIterations: 0,
            maxDuration: .seconds(30), maxIterations: 40)
    ) { benchmark in
        let bench = state.prepared(pending: pending, perSecond: perSecond)
        bench.clock.advance(seconds: 1)
        try state.register(perSecond, on: bench)
        benchmark.startMeasurement()
        let result = bench.core.sweep()
        benchmark.stopMeasurement()
        precondition(result.expired == perSecond, "expired \(result.expired), expected \(perSecond)")
        precondition(bench.core.statistics(zone: Bench.zone)!.activeSessions == UInt64(pending))
    }
}

/// The expiry benchmark's core, built on first use (registering 1M sessions takes a while).
final class ExpiryState: @unchecked Sendable {
    // @unchecked: used by the one thread that runs the benchmark's iterations.
    private var bench: Bench?

    func prepared(pending: Int, perSecond: Int) -> Bench {
        if let bench { return bench }
        let made = Bench(
            settings: ZoneSettings(graceSeconds: 100, maxPendingSessions: 10_000_000),
            rooms: 100_000, playersPerRoom: 1_000)
        for _ in 0..<(pending / perSecond) {
            try! register(perSecond, on: made)
            made.clock.advance(seconds: 1)
        }
        // The last second's sessions are due 100 s after the first: step back so the first
        // iteration's step makes exactly the first second's due.
        made.clock.advance(seconds: -1)
        bench = made
        return made
    }

    /// Registers `count` new pending sessions at the clock's current time.
    func register(_ count: Int, on bench: Bench) throws {
        for _ in 0..<count {
            let (room, player) = bench.next()
            _ = try bench.core.disconnect(zone: Bench.zone, room: room, player: player)
        }
    }
}
