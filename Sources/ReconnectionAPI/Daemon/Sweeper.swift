import Dispatch
import Logging
import ReconnectionCore
import Synchronization

/// Runs the core's sweep about every 100 ms on one background thread.
final class Sweeper: Sendable {
    /// Short enough that expiry lateness stays well under DESIGN.md's 250 ms p99.
    static let interval = DispatchTimeInterval.milliseconds(100)

    private let core: Reconnector
    private let logger: Logger
    private let isStopping = Atomic<Bool>(false)
    /// Signalled by ``stop()`` to cut the current wait short.
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(core: Reconnector, logger: Logger) {
        self.core = core
        self.logger = logger
    }

    func start() {
        DispatchQueue(label: "reconnectd.sweeper").async { self.loop() }
    }

    /// Stops the loop and waits for it to end.
    func stop() {
        guard !isStopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        finished.wait()
    }

    private func loop() {
        while !isStopping.load(ordering: .acquiring) {
            _ = wake.wait(timeout: .now() + Self.interval)
            let result = core.sweep()
            if result.expired > 0 {
                logger.debug(
                    "swept", metadata: ["expired": "\(result.expired)", "late_seconds": "\(result.maxLatenessSeconds)"])
            }
        }
        finished.signal()
    }
}
