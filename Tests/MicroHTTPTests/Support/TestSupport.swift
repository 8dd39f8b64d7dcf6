import Dispatch
import Foundation
@testable import MicroHTTP

/// Starts a server on an ephemeral loopback port with a small body limit by default.
func startedServer(
    _ handler: RecordingHandler,
    maxBodyBytes: Int = 64 * 1024,
    threads: Int = 2,
    host: String = "127.0.0.1"
) throws -> HTTPServer {
    let configuration = HTTPServerConfiguration(host: host, port: 0, threads: threads, maxBodyBytes: maxBodyBytes)
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    return server
}

/// Runs `body` on a new OS thread (blocking socket I/O must not sit on the cooperative pool);
/// the returned semaphore is signalled when it returns.
@discardableResult
func onThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.start()
    return done
}

/// Waits for `semaphore`; the bound only turns a hang into a failure, it never decides a pass.
func finished(_ semaphore: DispatchSemaphore, within seconds: Int = 30) -> Bool {
    semaphore.wait(timeout: .now() + .seconds(seconds)) == .success
}

/// Spins until `condition` holds; `false` only if it never does within `seconds`.
func eventually(within seconds: Int = 30, _ condition: () -> Bool) -> Bool {
    let deadline = DispatchTime.now() + .seconds(seconds)
    while !condition() {
        if DispatchTime.now() > deadline { return false }
        sched_yield()
    }
    return true
}

/// A deterministic payload of `count` bytes, so corruption or reordering shows.
func payload(_ count: Int, seed: Int = 7) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31) &+ ($0 >> 8) &+ seed) }
}

extension HTTPClientResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
