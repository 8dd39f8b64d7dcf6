import Logging
import ReconnectionCore

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler writing one line per message to stderr: readable text, or JSON lines
/// for log shippers. (swift-log ships no JSON handler.)
public struct LineLogHandler: LogHandler {
    /// The line format.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let format: Format

    /// Creates a handler for `label` writing `format`.
    public init(label: String, format: Format) {
        self.label = label
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
        source: String, file: String, function: String, line: UInt
    ) {
        let fields = metadata.merging(explicit ?? [:]) { $1 }.sorted { $0.key < $1.key }
        let time = SystemClock().now().rfc3339
        var output: String
        switch format {
        case .text:
            output = "\(time) \(level) \(label): \(message)"
            for (key, value) in fields { output += " \(key)=\(value)" }
        case .json:
            var json = JSONWriter()
            json.object { json in
                for (key, value) in [("time", time), ("level", "\(level)"), ("logger", label), ("message", "\(message)")] {
                    json.key(key)
                    json.string(value)
                }
                for (key, value) in fields {
                    json.key(key)
                    json.string("\(value)")
                }
            }
            output = String(decoding: json.bytes, as: UTF8.self)
        }
        output += "\n"
        // One write per line, so lines from several threads never interleave.
        _ = output.withCString { Glibc.write(2, $0, strlen($0)) }
    }
}
