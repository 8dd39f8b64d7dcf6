import Foundation

/// Lines the workers up so that every wave's disconnects start together ("20% of players drop
/// at once"). A worker that is done leaves, so the others never wait for it.
final class WaveBarrier: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var parties: Int
    private var arrived = 0
    private var generation = 0

    init(parties: Int) {
        self.parties = parties
    }

    /// Waits until every worker still playing has arrived.
    func arrive() {
        condition.lock()
        defer { condition.unlock() }
        let mine = generation
        arrived += 1
        if arrived >= parties {
            release()
        } else {
            while generation == mine { condition.wait() }
        }
    }

    /// Stops counting the calling worker.
    func leave() {
        condition.lock()
        defer { condition.unlock() }
        parties -= 1
        if arrived > 0 && arrived >= parties { release() }
    }

    private func release() {
        arrived = 0
        generation += 1
        condition.broadcast()
    }
}
