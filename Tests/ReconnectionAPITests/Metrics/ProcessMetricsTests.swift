#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import ReconnectionAPI
import Testing

/// The standard process figures: parsing procfs, their text, and their absence without procfs.
@Suite struct ProcessMetricsTests {
    /// A procfs tree in a temporary directory; the command name holds spaces and parentheses.
    private func fixtureRoot() -> String {
        let root = makeTemporaryDirectory()
        mkdir(root + "/self", 0o755)
        mkdir(root + "/self/fd", 0o755)
        for fd in ["0", "1", "2"] { writeFile(root + "/self/fd/" + fd, "") }
        writeFile(root + "/self/stat", "4242 (re con) (nectd) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 4 0 5000 123456789 300 18446744073709551615\n")
        writeFile(root + "/self/statm", "30141 250 100 10 0 500 0\n")
        writeFile(root + "/stat", "cpu  1 2 3 4\ncpu0 1 2 3 4\nbtime 1700000000\nprocesses 5\n")
        return root
    }

    @Test func readsFiguresFromProcfs() {
        let metrics = ProcessMetrics(procRoot: fixtureRoot(), pageSize: 4096, ticksPerSecond: 100)

        let sample = metrics.sample()

        #expect(sample.cpuSeconds == 3.25)
        #expect(sample.startTimeSeconds == 1_700_000_050)
        #expect(sample.residentMemoryBytes == 1_024_000)
        #expect(sample.virtualMemoryBytes == 123_456_789)
        #expect(sample.openFDs == 3)
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #expect(sample.maxFDs == UInt64(limit.rlim_cur))
    }

    @Test func missingProcfsLeavesItsFamiliesOut() {
        let sample = ProcessMetrics(procRoot: "/nonexistent/proc").sample()

        #expect(sample.cpuSeconds == nil)
        #expect(sample.startTimeSeconds == nil)
        #expect(sample.residentMemoryBytes == nil)
        #expect(sample.virtualMemoryBytes == nil)
        #expect(sample.openFDs == nil)
    }

    @Test func rendersPresentFiguresInNameOrder() {
        let sample = ProcessMetrics.Sample(
            cpuSeconds: 3.25, startTimeSeconds: 1_700_000_050.5, residentMemoryBytes: 1_024_000,
            virtualMemoryBytes: nil, openFDs: 3, maxFDs: 1_048_576)
        var buffer = ExpositionBuffer()

        sample.write(into: &buffer)

        #expect(String(decoding: buffer.bytes, as: UTF8.self) == """
            # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total 3.25
            # HELP process_max_fds Maximum number of open file descriptors.
            # TYPE process_max_fds gauge
            process_max_fds 1048576
            # HELP process_open_fds Number of open file descriptors.
            # TYPE process_open_fds gauge
            process_open_fds 3
            # HELP process_resident_memory_bytes Resident memory size in bytes.
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 1024000
            # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1700000050.5

            """)
    }

    #if os(Linux)
    @Test func readsThisProcess() {
        let sample = ProcessMetrics().sample()

        #expect((sample.residentMemoryBytes ?? 0) > 0)
        #expect((sample.virtualMemoryBytes ?? 0) >= (sample.residentMemoryBytes ?? 0))
        #expect((sample.openFDs ?? 0) >= 3)
        #expect(sample.cpuSeconds != nil)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let start = sample.startTimeSeconds ?? 0
        #expect(start <= Double(now.tv_sec) + 1 && start > Double(now.tv_sec) - 86_400)
    }
    #endif
}
