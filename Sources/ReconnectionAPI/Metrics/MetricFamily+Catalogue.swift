/// Every family `/metrics` shows, as named by the metrics table of API.md (names, types and
/// labels there are a contract; the help texts are ours).
extension MetricFamily {
    // Per zone, labelled `zone`.
    static let tokensIssued = MetricFamily(name: "reconnection_tokens_issued_total", kind: .counter, help: "Rejoin tokens issued, rotations included.")
    static let sessionsActive = MetricFamily(name: "reconnection_sessions_active", kind: .gauge, help: "Sessions pending reconnection now.")
    static let completions = MetricFamily(name: "reconnection_completions_total", kind: .counter, help: "Successful reconnections.")
    static let validationFailures = MetricFamily(name: "reconnection_validation_failures_total", kind: .counter, help: "Token redemptions refused, by reason.")
    static let expirations = MetricFamily(name: "reconnection_expirations_total", kind: .counter, help: "Pending sessions whose grace window passed.")
    static let cancellations = MetricFamily(name: "reconnection_cancellations_total", kind: .counter, help: "Pending sessions ended without a reconnection or an expiry, by reason.")
    static let reconnectDuration = MetricFamily(name: "reconnection_duration_seconds", kind: .histogram, help: "Time from disconnect to successful reconnection.")
    static let eventsBuffered = MetricFamily(name: "reconnection_events_buffered_total", kind: .counter, help: "Room events buffered for replay.")
    static let eventsReplayed = MetricFamily(name: "reconnection_events_replayed_total", kind: .counter, help: "Buffered room events handed back by reconnections.")
    static let eventsEvicted = MetricFamily(name: "reconnection_events_evicted_total", kind: .counter, help: "Buffered room events dropped from full buffers.")
    static let graceSeconds = MetricFamily(name: "reconnection_grace_seconds", kind: .gauge, help: "Configured grace window by match phase; phase default is the base window.")
    static let enabled = MetricFamily(name: "reconnection_enabled", kind: .gauge, help: "Whether the zone has reconnection enabled (1) or disabled (0).")
    static let zoneConfigVersion = MetricFamily(name: "reconnection_zone_config_version", kind: .gauge, help: "Version of the zone's configuration; grows by 1 per change.")
    /// Not in API.md's table (an addition, not a change): lets an alert compare
    /// `reconnection_sessions_active` with the limit past which disconnects get 503 `zone_full`.
    static let maxPendingSessions = MetricFamily(name: "reconnection_max_pending_sessions", kind: .gauge, help: "Configured max_pending_sessions; disconnects beyond it get 503 zone_full.")

    // HTTP, labelled by route template, never the raw URL.
    static let httpRequests = MetricFamily(name: "reconnection_http_requests_total", kind: .counter, help: "HTTP requests answered, by route template, method and status code.")
    static let httpDuration = MetricFamily(name: "reconnection_http_request_duration_seconds", kind: .histogram, help: "Time to answer an HTTP request, by route template and method.")

    static let buildInfo = MetricFamily(name: "reconnection_build_info", kind: .gauge, help: "Build of reconnectd, in the version label; the value is always 1.")

    // The standard process collector's families, with the Prometheus client libraries' help texts.
    static let processCPU = MetricFamily(name: "process_cpu_seconds_total", kind: .counter, help: "Total user and system CPU time spent in seconds.")
    static let processMaxFDs = MetricFamily(name: "process_max_fds", kind: .gauge, help: "Maximum number of open file descriptors.")
    static let processOpenFDs = MetricFamily(name: "process_open_fds", kind: .gauge, help: "Number of open file descriptors.")
    static let processResident = MetricFamily(name: "process_resident_memory_bytes", kind: .gauge, help: "Resident memory size in bytes.")
    static let processStartTime = MetricFamily(name: "process_start_time_seconds", kind: .gauge, help: "Start time of the process since unix epoch in seconds.")
    static let processVirtual = MetricFamily(name: "process_virtual_memory_bytes", kind: .gauge, help: "Virtual memory size in bytes.")
}
