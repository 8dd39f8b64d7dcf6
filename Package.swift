// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "reconnectd",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ReconnectionCore", targets: ["ReconnectionCore"]),
        // For the nested Benchmarks package, which renders /metrics in process.
        .library(name: "ReconnectionAPI", targets: ["ReconnectionAPI"]),
        .executable(name: "reconnectd", targets: ["reconnectd"]),
        .executable(name: "reconnectd-load", targets: ["reconnectd-load"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .target(name: "ReconnectionCore"),
        .target(name: "MicroHTTP", dependencies: ["CMicroHTTPD"]),
        .target(
            name: "ReconnectionAPI",
            dependencies: [
                "ReconnectionCore",
                "MicroHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "reconnectd",
            dependencies: [
                "ReconnectionAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "reconnectd-load",
            dependencies: [
                "MicroHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ReconnectionCoreTests", dependencies: ["ReconnectionCore"]),
        .testTarget(name: "MicroHTTPTests", dependencies: ["MicroHTTP"]),
        .testTarget(
            name: "ReconnectionAPITests",
            dependencies: [
                "ReconnectionAPI", "ReconnectionCore", "MicroHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
