import Benchmark

// The core's speed figures (DESIGN.md, "Performance targets"): disconnect + redeem pairs on one
// thread and on every core, event append and replay, an expiry sweep over 1,000,000 pending
// sessions of which 1% are due, and `/metrics` for 1,000 zones (the counters' snapshot and the
// whole rendering). Run from this directory: `swift package benchmark`. Memory per pending
// session is measured without the library's malloc interposer: `CoreProfile footprint`, and
// `scripts/bench` on the daemon.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal, .instructions],
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )
    registerDataPlaneBenchmarks()
    registerEventBenchmarks()
    registerExpiryBenchmarks()
    registerStatisticsBenchmarks()
}
