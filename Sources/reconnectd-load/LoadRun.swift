import Foundation
import MicroHTTP

/// A whole run: the workers on their threads, progress every second on stderr, then the
/// summary and the counter check.
struct LoadRun {
    let settings: LoadSettings

    /// Plays the load and returns the merged tallies and the wall time it took.
    func play() -> (tally: WorkerTally, seconds: Double) {
        let counts = (0..<settings.threads).map { _ in LiveCounts() }
        let workers = (0..<settings.threads).map { LoadWorker(index: $0, settings: settings, counts: counts[$0]) }
        let barrier = WaveBarrier(parties: settings.threads)
        let finished = DispatchGroup()
        let started = monotonicSeconds()
        let deadline = started + settings.duration
        for worker in workers {
            finished.enter()
            let thread = Thread {
                worker.run(until: deadline, barrier: barrier)
                finished.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        var last = [Int](repeating: 0, count: RequestKind.allCases.count)
        var lastAt = started
        // Bounded: the run ends at the deadline plus the time to send what is left.
        while finished.wait(timeout: .now() + 1) == .timedOut {
            let now = monotonicSeconds()
            let totals = RequestKind.allCases.map { kind in counts.reduce(0) { $0 + $1.requests(kind) } }
            let rates = zip(totals, last).map { Double($0 - $1) / max(now - lastAt, 1e-3) }
            let errors = counts.reduce(0) { $0 + $1.errors }
            let away = counts.reduce(0) { $0 + $1.away.load(ordering: .relaxed) }
            let parts = RequestKind.allCases.map { "\($0.name)s \(totals[$0.rawValue]) (\(Int(rates[$0.rawValue]))/s)" }
            log(String(format: "[%5.1fs] ", now - started) + parts.joined(separator: ", ") + ", away \(away), errors \(errors)")
            last = totals
            lastAt = now
        }
        let seconds = monotonicSeconds() - started
        var tally = WorkerTally()
        for worker in workers { tally.merge(worker.tally) }
        return (tally, seconds)
    }
}

/// A line on stderr, where progress goes so that stdout holds only the summary.
func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
