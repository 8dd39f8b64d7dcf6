#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGTERM or SIGINT without a signal handler: the signals are blocked in every
/// thread and taken synchronously with `sigwait`, so no code runs in signal context.
public enum TerminationSignal {
    /// Blocks SIGTERM and SIGINT; call before any thread starts so all inherit the mask.
    public static func block() {
        var set = signals
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until SIGTERM or SIGINT arrives; returns its number.
    public static func wait() -> Int32 {
        var set = signals
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    private static var signals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }
}
