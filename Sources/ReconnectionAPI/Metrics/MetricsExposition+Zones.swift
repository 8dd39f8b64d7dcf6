import ReconnectionCore

extension MetricsExposition {
    /// Bucket bounds of `reconnection_duration_seconds`: the core's.
    static let reconnectLayout = HistogramLayout(bounds: DurationHistogram.bounds)
    /// `reason="…"` of every validation failure, in enum order.
    static let failureLabels = ValidationFailureReason.allCases.map { ExpositionBuffer.label("reason", $0.label) }
    /// `reason="…"` of every cancellation, in enum order.
    static let cancellationLabels = CancellationReason.allCases.map { ExpositionBuffer.label("reason", $0.label) }
    /// `phase="default"`, the base window's series.
    static let basePhaseLabel = ExpositionBuffer.label("phase", ZoneSettings.basePhase)

    /// Writes every per-zone family, zones sorted by name.
    static func writeZones(_ snapshots: [Reconnector.ZoneSnapshot], into buffer: inout ExpositionBuffer) {
        let zones = ZoneRows(snapshots)
        zones.series(.tokensIssued, into: &buffer) { $0.statistics.tokensIssued }
        zones.series(.sessionsActive, into: &buffer) { $0.statistics.activeSessions }
        zones.series(.completions, into: &buffer) { $0.statistics.completions }
        buffer.header(.validationFailures)
        // Indexed by raw value (as ZoneStatistics documents) rather than through its accessor
        // methods, which would copy the statistics for each reason.
        zones.forEach { zone, zoneLabel in
            for (reason, count) in zone.statistics.validationFailures.enumerated() {
                buffer.sample(.validationFailures, zoneLabel, plus: failureLabels[reason], count)
            }
        }
        zones.series(.expirations, into: &buffer) { $0.statistics.expirations }
        buffer.header(.cancellations)
        zones.forEach { zone, zoneLabel in
            for (reason, count) in zone.statistics.cancellations.enumerated() {
                buffer.sample(.cancellations, zoneLabel, plus: cancellationLabels[reason], count)
            }
        }
        buffer.header(.reconnectDuration)
        zones.forEach { zone, zoneLabel in
            buffer.histogram(
                .reconnectDuration, zoneLabel, layout: reconnectLayout,
                counts: zone.statistics.reconnectDurations.bucketCounts, sum: zone.statistics.reconnectDurations.sum)
        }
        zones.series(.eventsBuffered, into: &buffer) { $0.statistics.eventsBuffered }
        zones.series(.eventsReplayed, into: &buffer) { $0.statistics.eventsReplayed }
        zones.series(.eventsEvicted, into: &buffer) { $0.statistics.eventsEvicted }
        buffer.header(.graceSeconds)
        zones.forEach { zone, zoneLabel in
            let settings = zone.configuration.settings
            buffer.sample(.graceSeconds, zoneLabel, plus: basePhaseLabel, UInt64(clamping: settings.graceSeconds))
            for (phase, seconds) in settings.phaseGraceSeconds.sorted(by: { $0.key < $1.key }) {
                buffer.sample(.graceSeconds, zoneLabel, plus: ExpositionBuffer.label("phase", phase), UInt64(clamping: seconds))
            }
        }
        zones.series(.enabled, into: &buffer) { $0.configuration.settings.reconnectionEnabled ? 1 : 0 }
        zones.series(.zoneConfigVersion, into: &buffer) { UInt64(clamping: $0.configuration.version) }
        zones.series(.maxPendingSessions, into: &buffer) { UInt64(clamping: $0.configuration.settings.maxPendingSessions) }
    }
}

/// The zones of a scrape sorted by name, each with its `zone="…"` label rendered once.
private struct ZoneRows {
    let zones: [Reconnector.ZoneSnapshot]
    let labels: [[UInt8]]

    init(_ snapshots: [Reconnector.ZoneSnapshot]) {
        // ``Reconnector/snapshot()`` sorts already; sorting again would copy every snapshot.
        let isSorted = snapshots.indices.dropFirst().allSatisfy { index in
            snapshots[index - 1].configuration.name < snapshots[index].configuration.name
        }
        zones = isSorted ? snapshots : snapshots.sorted { $0.configuration.name < $1.configuration.name }
        labels = zones.map { ExpositionBuffer.label("zone", $0.configuration.name) }
    }

    /// Calls `body` with each zone and its label, in order. The zone is borrowed from the
    /// array, not copied: a copy would retain every array and string inside it.
    func forEach(_ body: (borrowing Reconnector.ZoneSnapshot, [UInt8]) -> Void) {
        for index in zones.indices { body(zones[index], labels[index]) }
    }

    /// Writes a family of one series per zone, labelled `zone` only.
    func series(_ family: MetricFamily, into buffer: inout ExpositionBuffer, _ value: (borrowing Reconnector.ZoneSnapshot) -> UInt64) {
        buffer.header(family)
        forEach { zone, label in buffer.sample(family, label, value(zone)) }
    }
}
