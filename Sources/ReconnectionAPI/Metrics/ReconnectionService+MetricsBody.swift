extension ReconnectionService {
    /// The `/metrics` body a scrape would get now, rendered without HTTP: lets the benchmarks
    /// (a separate package) time the rendering alone.
    /// - Returns: the Prometheus text exposition, UTF-8.
    public func renderMetrics() -> [UInt8] {
        MetricsExposition.render(
            zones: core.snapshot(), http: httpMetrics, rejections: rejections, process: processMetrics,
            version: Self.version)
    }
}
