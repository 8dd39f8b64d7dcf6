#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on the monotonic clock, for latencies and schedules.
func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Sleeps until `deadline` on the monotonic clock, at most `cap` seconds at a time.
func sleep(until deadline: Double, cap: Double = 0.05) {
    let wait = min(deadline - monotonicSeconds(), cap)
    guard wait > 0 else { return }
    var request = timespec(tv_sec: Int(wait), tv_nsec: Int((wait - Double(Int(wait))) * 1e9))
    _ = nanosleep(&request, nil)
}
