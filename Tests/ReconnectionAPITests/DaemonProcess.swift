import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `reconnectd` executable built next to this test bundle (in its directory or the
/// parent's), or `nil` when it has not been built.
let reconnectdExecutable: String? = {
    guard let bundle = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let directory = URL(fileURLWithPath: bundle).deletingLastPathComponent()
    for candidate in [directory, directory.deletingLastPathComponent()].map({ $0.appendingPathComponent("reconnectd").path }) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isExecutableFile(atPath: candidate)
        {
            return candidate
        }
    }
    return nil
}()

/// A `reconnectd` process with its stderr piped back. Every wait is bounded, so a broken
/// daemon fails the test rather than hanging it; the bounds never decide a pass.
final class DaemonProcess {
    let process = Process()
    private let stderr = Pipe()
    private let exited = DispatchSemaphore(value: 0)
    /// What stderr said so far.
    private(set) var output = ""

    /// Starts `reconnectd arguments…` with `environment` added to ours (minus any
    /// `RECONNECTD_*` of ours).
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: reconnectdExecutable ?? "/nonexistent/reconnectd")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("RECONNECTD_") }
            .merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Reads stderr until a line contains `needle`; returns that line, or `nil` at end of
    /// stream or after `seconds`.
    func line(containing needle: String, within seconds: Int = 60) -> String? {
        let deadline = DispatchTime.now() + .seconds(seconds)
        while true {
            if let line = output.split(separator: "\n").first(where: { $0.contains(needle) }) { return String(line) }
            guard readMore(until: deadline) else { return nil }
        }
    }

    /// Waits for the exit; returns its status, or `nil` if it does not exit within `seconds`.
    /// Reads the rest of stderr.
    func exitStatus(within seconds: Int = 60) -> Int32? {
        let deadline = DispatchTime.now() + .seconds(seconds)
        while readMore(until: deadline) {}
        guard exited.wait(timeout: deadline) == .success else { return nil }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Sends `signal` (e.g. `SIGTERM`).
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Appends what stderr has to ``output``; `false` at end of stream or past `deadline`.
    private func readMore(until deadline: DispatchTime) -> Bool {
        let fd = stderr.fileHandleForReading.fileDescriptor
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let now = DispatchTime.now().uptimeNanoseconds
        guard deadline.uptimeNanoseconds > now else { return false }
        let milliseconds = Int32(min((deadline.uptimeNanoseconds - now) / 1_000_000 + 1, UInt64(Int32.max)))
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        output += String(decoding: chunk[..<count], as: UTF8.self)
        return true
    }
}
