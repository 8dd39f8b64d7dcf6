#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard process figures of the Prometheus client libraries' process collector, read
/// from procfs at each scrape.
///
/// Where procfs is missing (not Linux, or not mounted) the figures it would give are absent,
/// and their families are left out of the scrape rather than shown as zeros.
struct ProcessMetrics: Sendable {
    /// One reading.
    struct Sample: Hashable, Sendable {
        /// User plus system CPU time, in seconds.
        var cpuSeconds: Double?
        /// When the process started, in seconds since the Unix epoch.
        var startTimeSeconds: Double?
        /// Resident set size, in bytes.
        var residentMemoryBytes: UInt64?
        /// Virtual memory size, in bytes.
        var virtualMemoryBytes: UInt64?
        /// Open file descriptors (the one used to count them included, as the Go collector does).
        var openFDs: Int?
        /// The soft limit on open file descriptors; absent when unlimited.
        var maxFDs: UInt64?
    }

    /// Where procfs is mounted.
    let procRoot: String
    /// Bytes per page, for `statm`.
    let pageSize: UInt64
    /// Clock ticks per second, for CPU times and the start time in `stat`.
    let ticksPerSecond: UInt64

    /// Creates a reader.
    /// - Parameters:
    ///   - procRoot: where procfs is mounted; tests point it at fixture files.
    ///   - pageSize: bytes per page; default, the system's.
    ///   - ticksPerSecond: `USER_HZ`; default, the system's.
    init(procRoot: String = "/proc", pageSize: UInt64? = nil, ticksPerSecond: UInt64? = nil) {
        self.procRoot = procRoot
        self.pageSize = pageSize ?? UInt64(max(1, sysconf(Int32(_SC_PAGESIZE))))
        self.ticksPerSecond = ticksPerSecond ?? UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
    }

    /// Reads the figures now; each one that cannot be read is `nil`.
    func sample() -> Sample {
        var sample = Sample()
        if let stat = ProcFile.contents(of: procRoot + "/self/stat"), let fields = Self.statFields(stat) {
            let ticks = Double(ticksPerSecond)
            if let user = fields.value(14), let system = fields.value(15) {
                sample.cpuSeconds = Double(user + system) / ticks
            }
            if let start = fields.value(22), let bootTime = bootTime() {
                sample.startTimeSeconds = Double(bootTime) + Double(start) / ticks
            }
            sample.virtualMemoryBytes = fields.value(23)
        }
        if let statm = ProcFile.contents(of: procRoot + "/self/statm") {
            let fields = ProcFile.fields(statm[...])
            if fields.count > 1, let pages = ProcFile.integer(fields[1]) {
                sample.residentMemoryBytes = pages &* pageSize
            }
        }
        sample.openFDs = ProcFile.entryCount(procRoot + "/self/fd")
        sample.maxFDs = Self.fileLimit()
        return sample
    }

    /// `btime` of `/proc/stat`: when the system booted, in seconds since the Unix epoch.
    private func bootTime() -> UInt64? {
        guard let stat = ProcFile.contents(of: procRoot + "/stat") else { return nil }
        for line in stat.split(separator: UInt8(ascii: "\n")) {
            let fields = ProcFile.fields(line)
            if fields.count == 2, fields[0].elementsEqual("btime".utf8) { return ProcFile.integer(fields[1]) }
        }
        return nil
    }

    /// The fields of `/proc/self/stat` after the command name, which may itself hold spaces
    /// and parentheses: everything up to the last `)` is skipped.
    private static func statFields(_ stat: [UInt8]) -> StatFields? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        return StatFields(rest: ProcFile.fields(stat[(close + 1)...]))
    }

    /// The soft `RLIMIT_NOFILE`, or `nil` when unlimited or unreadable.
    private static func fileLimit() -> UInt64? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        // Glibc's RLIM_INFINITY is a `-1` macro that Swift cannot store in the unsigned rlim_t.
        let unlimited = rlim_t.max
        #else
        let resource = RLIMIT_NOFILE
        let unlimited = RLIM_INFINITY
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != unlimited else { return nil }
        return UInt64(limit.rlim_cur)
    }

    /// The fields of `/proc/self/stat` from the third on (`state`), numbered as proc(5) numbers them.
    private struct StatFields {
        let rest: [ArraySlice<UInt8>]

        /// Field `number` (1-based, as in proc(5)) as an integer.
        func value(_ number: Int) -> UInt64? {
            let index = number - 3
            return index >= 0 && index < rest.count ? ProcFile.integer(rest[index]) : nil
        }
    }
}
