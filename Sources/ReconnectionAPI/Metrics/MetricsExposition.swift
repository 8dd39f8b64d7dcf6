import ReconnectionCore

/// The `/metrics` answer: Prometheus text exposition 0.0.4, rendered from the core's counters
/// by hand so that it is sorted and the same for the same figures.
///
/// Families come in the order of API.md's metrics table, each opened by `# HELP` and
/// `# TYPE`; zone series are sorted by zone name, reasons in their enum's order, phases with
/// `default` first and then by name. Every zone shows every reason, zeros included, so that
/// `rate()` works from its first scrape.
enum MetricsExposition {
    /// The `Content-Type` of the answer.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Renders a scrape.
    /// - Parameters:
    ///   - zones: every zone with its counters (``Reconnector/snapshot()``); the order does not matter.
    ///   - http: the request counters.
    ///   - rejections: the requests limits refused.
    ///   - process: where to read the process figures; `nil` leaves them out.
    ///   - version: the build's version, for `reconnection_build_info`.
    /// - Returns: the body, UTF-8.
    static func render(
        zones: [Reconnector.ZoneSnapshot], http: HTTPMetrics, rejections: RequestRejections = RequestRejections(),
        process: ProcessMetrics?, version: String
    ) -> [UInt8] {
        // About 4 KiB per zone with a few phases: one allocation for a typical scrape.
        var buffer = ExpositionBuffer(capacity: 8192 + zones.count * 4096)
        writeZones(zones, into: &buffer)
        http.write(into: &buffer)
        rejections.write(into: &buffer)
        buffer.header(.buildInfo)
        buffer.sample(.buildInfo, ExpositionBuffer.label("version", version), 1 as UInt64)
        process?.sample().write(into: &buffer)
        return buffer.bytes
    }

    /// ``render(zones:http:process:version:)`` as a string, for tests and logs.
    static func renderText(zones: [Reconnector.ZoneSnapshot], http: HTTPMetrics, process: ProcessMetrics?, version: String) -> String {
        String(decoding: render(zones: zones, http: http, process: process, version: version), as: UTF8.self)
    }
}
