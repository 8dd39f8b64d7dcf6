import Benchmark
import Logging
import ReconnectionAPI
import ReconnectionCore

#if canImport(Glibc)
import Glibc
#endif

/// `/metrics` with 1,000 zones: the core's counters summed over every shard (`snapshot()`),
/// and the whole exposition as the daemon renders it for a scrape.
func registerStatisticsBenchmarks() {
    let zones = 1_000
    let state = MetricsState(zones: zones)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .instructions], maxDuration: .seconds(5), maxIterations: 1_000)

    Benchmark("counters snapshot, 1000 zones", configuration: configuration) { benchmark in
        let service = state.prepared()
        benchmark.startMeasurement()
        blackHole(service.reconnector.snapshot())
    }

    Benchmark("/metrics rendering, 1000 zones", configuration: configuration) { benchmark in
        let service = state.prepared()
        benchmark.startMeasurement()
        let body = service.renderMetrics()
        benchmark.stopMeasurement()
        precondition(body.count > zones * 1000)
    }
}

/// A service with 1,000 zones (three phases each) that have seen some traffic, built on first
/// use in a temporary state directory.
final class MetricsState: @unchecked Sendable {
    // @unchecked: used by the one thread that runs the benchmark's iterations.
    private let zones: Int
    private var service: ReconnectionService?

    init(zones: Int) {
        self.zones = zones
    }

    func prepared() -> ReconnectionService {
        if let service { return service }
        var template = Array("/tmp/reconnectd-bench-XXXXXX".utf8CString)
        let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let made = try! ReconnectionService(
            configuration: ServiceConfiguration(stateDirectory: directory, adminToken: "bench-admin", serverToken: "bench-server"),
            logger: Logger(label: "bench"))
        let core = made.reconnector
        let settings = ZoneSettings(graceSeconds: 60, phaseGraceSeconds: ["lobby": 90, "mid_round": 45, "match_point": 30])
        for index in 0..<zones {
            let zone = "zone-\(index)"
            try! core.putZone(named: zone, settings: settings)
            for player in 0..<4 {
                let receipt = try! core.disconnect(zone: zone, room: "r-\(player % 2)", player: "p-\(player)", phase: "lobby")
                if player % 2 == 0 { _ = try! core.redeem(zone: zone, room: receipt.room, player: receipt.player, token: receipt.token.text) }
            }
        }
        service = made
        return made
    }
}
