#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import ReconnectionAPI
import ReconnectionCore
import Testing

/// Hooks for the checks no unit test can make: `promtool check metrics` on a full scrape, and
/// the render time of a large scrape. Both do nothing unless their environment variable is set;
/// a time never decides a test.
@Suite struct MetricsSampleTests {
    /// With `RECONNECTD_METRICS_SAMPLE=<path>`, writes a scrape with every family to the path,
    /// and a first scrape (no request counted yet, so families without series) to `<path>.fresh`
    /// (then: `promtool check metrics < <path>`).
    @Test func writesSampleForPromtool() throws {
        guard let path = getenv("RECONNECTD_METRICS_SAMPLE").map({ String(cString: $0) }) else { return }
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        try driveRankedZone(core, clock: clock)
        let http = HTTPMetrics()
        http.record(route: "/v1/zones/{zone}/disconnects", method: "POST", status: 201, seconds: 0.0004)
        http.record(route: "/v1/zones/{zone}", method: "GET", status: 404, seconds: 0.002)
        http.record(route: "/metrics", method: "GET", status: 200, seconds: 0.03)

        let text = MetricsExposition.renderText(zones: core.snapshot(), http: http, process: ProcessMetrics(), version: "0.1.0-dev")

        writeFile(path, text)
        let fresh = Reconnector(clock: ManualClock())
        writeFile(path + ".fresh", MetricsExposition.renderText(zones: fresh.snapshot(), http: HTTPMetrics(), process: ProcessMetrics(), version: "0.1.0-dev"))
    }

    /// With `RECONNECTD_METRICS_BENCH=<rounds>`, renders 1,000 zones (three phases each, some
    /// activity) that many times and prints the median and worst render time.
    @Test func rendersThousandZones() throws {
        guard let rounds = getenv("RECONNECTD_METRICS_BENCH").flatMap({ Int(String(cString: $0)) }), rounds > 0 else { return }
        let core = Reconnector(clock: ManualClock())
        for index in 0..<1000 {
            let name = "zone-\(index)"
            try core.putZone(named: name, settings: ZoneSettings(phaseGraceSeconds: ["lobby": 90, "mid_round": 45, "match_point": 60]))
            _ = try core.disconnect(zone: name, room: "r", player: "p")
        }
        let http = HTTPMetrics()
        for route in ["/v1/zones", "/v1/zones/{zone}", "/v1/zones/{zone}/disconnects", "/v1/zones/{zone}/reconnects", "/metrics"] {
            http.record(route: route, method: "GET", status: 200, seconds: 0.001)
        }
        var renders: [Double] = []
        var withSnapshot: [Double] = []
        var size = 0
        for _ in 0..<rounds {
            let start = Self.now()
            let zones = core.snapshot()
            let rendering = Self.now()
            size = MetricsExposition.render(zones: zones, http: http, process: ProcessMetrics(), version: "bench").count
            let end = Self.now()
            renders.append(end - rendering)
            withSnapshot.append(end - start)
        }
        renders.sort()
        withSnapshot.sort()
        func ms(_ value: Double) -> String { "\((value * 10_000).rounded() / 10) ms" }
        print("""
            metrics render, 1000 zones, \(size) bytes, \(rounds) rounds: \
            render median \(ms(renders[rounds / 2])) p99 \(ms(renders[rounds * 99 / 100])) max \(ms(renders[rounds - 1])); \
            snapshot+render median \(ms(withSnapshot[rounds / 2])) p99 \(ms(withSnapshot[rounds * 99 / 100])) max \(ms(withSnapshot[rounds - 1]))
            """)
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
