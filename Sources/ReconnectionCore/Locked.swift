import Synchronization

/// A mutex in a class, so shards can sit in arrays (a `Mutex` itself cannot be copied).
/// Package-wide: the API layer's locks use it too, for the same ThreadSanitizer reason.
package final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    /// Stored on every unlock and loaded on every lock. It adds no ordering the mutex lacks, but
    /// ThreadSanitizer cannot see `Mutex` on Linux (its futex code is not instrumented) and would
    /// report every access made under the lock as a race; it does see this release/acquire pair.
    private let handoff = Atomic<Bool>(false)

    package init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value. On the hot path keep it to microseconds:
    /// no I/O, no waits (zone edits, which are serialized on purpose, are the exception).
    package func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        try mutex.withLock { (value: inout sending Value) throws(Failure) -> sending Result in
            _ = handoff.load(ordering: .acquiring)
            defer { handoff.store(false, ordering: .releasing) }
            return try body(&value)
        }
    }
}
