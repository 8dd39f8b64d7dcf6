// swift-tools-version: 6.1
// The benchmarks live in a package of their own so that building and testing reconnectd never
// pays for the benchmark library. Run them with `swift package benchmark` from this directory.
import PackageDescription

let package = Package(
    name: "reconnectd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "reconnectd", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ReconnectionCore", package: "reconnectd"),
                .product(name: "ReconnectionAPI", package: "reconnectd"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(name: "CHeapStats"),
        // The same work as the benchmarks, alone in a process (no malloc interposer), for
        // valgrind --tool=callgrind and for the heap a pending session takes.
        .executableTarget(
            name: "CoreProfile",
            dependencies: [.product(name: "ReconnectionCore", package: "reconnectd"), "CHeapStats"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
