import ArgumentParser
import Logging
import MicroHTTP
import ReconnectionAPI

#if canImport(Glibc)
import Glibc
#endif

/// `reconnectd`: flags, logging, signals; everything else lives in ReconnectionAPI.
@main
struct Reconnectd: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Holds players' slots through network blips and replays what they missed.")

    @Option(help: "Address to listen on, HOST:PORT (port 0: any free port).")
    var listen = "127.0.0.1:8080"
    @Option(name: .customLong("state-dir"), help: "Directory for zones.json, history.jsonl and generated tokens.")
    var stateDirectory = "./.reconnectd"
    @Option(help: "HTTP worker threads; the default is the number of cores.")
    var threads = HTTPServerConfiguration.activeProcessorCount
    @Option(help: "File holding the admin token (RECONNECTD_ADMIN_TOKEN wins).")
    var adminTokenFile: String?
    @Option(help: "File holding the server token (RECONNECTD_SERVER_TOKEN wins).")
    var serverTokenFile: String?
    @Flag(help: "Require the admin token for /metrics.")
    var metricsAuth = false
    @Option(help: "trace, debug, info, warning or error.")
    var logLevel = "info"
    @Option(help: "text or json.")
    var logFormat = "text"
    @OptionGroup(title: "Limits")
    var limits: Limits

    func validate() throws {
        guard (try? address()) != nil else { throw ValidationError("--listen must be HOST:PORT with a port from 0 to 65535") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024") }
        guard level != nil, !["notice", "critical"].contains(logLevel) else {
            throw ValidationError("--log-level must be trace, debug, info, warning or error")
        }
        guard LineLogHandler.Format(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be text or json") }
    }

    func run() throws {
        TerminationSignal.block()
        let format = LineLogHandler.Format(rawValue: logFormat)!
        let level = level!
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "reconnectd")
        let (host, port) = try address()
        let environment = { (name: String) in getenv(name).map { String(cString: $0) } }
        var service = ServiceConfiguration(
            stateDirectory: stateDirectory, adminToken: environment("RECONNECTD_ADMIN_TOKEN"),
            serverToken: environment("RECONNECTD_SERVER_TOKEN"), adminTokenFile: adminTokenFile,
            serverTokenFile: serverTokenFile, metricsNeedAuth: metricsAuth)
        limits.apply(to: &service)
        let http = limits.http(host: host, port: port, threads: threads)
        let daemon = try ReconnectionDaemon(service: service, http: http, logger: logger)
        try daemon.start()
        let signal = TerminationSignal.wait()
        logger.notice("received signal \(signal)")
        daemon.stop()
    }

    private var level: Logger.Level? { Logger.Level(rawValue: logLevel) }

    /// HOST:PORT, with IPv6 hosts in brackets.
    private func address() throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ValidationError("bad --listen") }
        let host = listen[..<colon].trimmingCharacters(in: "[]")
        guard !host.isEmpty else { throw ValidationError("bad --listen") }
        return (host, port)
    }

    /// Bad flags and start-up failures exit 2 with one line naming the problem.
    static func main() {
        let command: Reconnectd
        do {
            command = try parse()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(message(for: error))
        }
        do {
            try command.run()
        } catch {
            fail("\(error)")
        }
    }

    private static func fail(_ message: String) -> Never {
        let line = "reconnectd: \(message)\n"
        _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
        Glibc.exit(2)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
