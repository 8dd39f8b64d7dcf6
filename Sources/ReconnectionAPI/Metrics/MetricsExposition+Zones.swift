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
        let zones = snapshots.sorted { $0.configuration.name < $1.configuration.name }
        let labels = zones.map { ExpositionBuffer.label("zone", $0.configuration.name) }
        let rows = zip(zones, labels)

        buffer.header(.tokensIssued)
        for (zone, zoneLabel) in rows { buffer.sample(.tokensIssued, zoneLabel, zone.statistics.tokensIssued) }
        buffer.header(.sessionsActive)
        for (zone, zoneLabel) in rows { buffer.sample(.sessionsActive, zoneLabel, zone.statistics.activeSessions) }
        buffer.header(.completions)
        for (zone, zoneLabel) in rows { buffer.sample(.completions, zoneLabel, zone.statistics.completions) }
        buffer.header(.validationFailures)
        for (zone, zoneLabel) in rows {
            for reason in ValidationFailureReason.allCases {
                buffer.sample(.validationFailures, zoneLabel, plus: failureLabels[reason.rawValue], zone.statistics.validationFailures(reason))
            }
        }
        buffer.header(.expirations)
        for (zone, zoneLabel) in rows { buffer.sample(.expirations, zoneLabel, zone.statistics.expirations) }
        buffer.header(.cancellations)
        for (zone, zoneLabel) in rows {
            for reason in CancellationReason.allCases {
                buffer.sample(.cancellations, zoneLabel, plus: cancellationLabels[reason.rawValue], zone.statistics.cancellations(reason))
            }
        }
        buffer.header(.reconnectDuration)
        for (zone, zoneLabel) in rows {
            let durations = zone.statistics.reconnectDurations
            buffer.histogram(.reconnectDuration, zoneLabel, layout: reconnectLayout, counts: durations.bucketCounts, sum: durations.sum)
        }
        buffer.header(.eventsBuffered)
        for (zone, zoneLabel) in rows { buffer.sample(.eventsBuffered, zoneLabel, zone.statistics.eventsBuffered) }
        buffer.header(.eventsReplayed)
        for (zone, zoneLabel) in rows { buffer.sample(.eventsReplayed, zoneLabel, zone.statistics.eventsReplayed) }
        buffer.header(.eventsEvicted)
        for (zone, zoneLabel) in rows { buffer.sample(.eventsEvicted, zoneLabel, zone.statistics.eventsEvicted) }
        writeConfiguration(rows, into: &buffer)
    }

    /// Writes the families that show each zone's configuration.
    private static func writeConfiguration(_ rows: Zip2Sequence<[Reconnector.ZoneSnapshot], [[UInt8]]>, into buffer: inout ExpositionBuffer) {
        buffer.header(.graceSeconds)
        for (zone, zoneLabel) in rows {
            let settings = zone.configuration.settings
            buffer.sample(.graceSeconds, zoneLabel, plus: basePhaseLabel, UInt64(clamping: settings.graceSeconds))
            for (phase, seconds) in settings.phaseGraceSeconds.sorted(by: { $0.key < $1.key }) {
                buffer.sample(.graceSeconds, zoneLabel, plus: ExpositionBuffer.label("phase", phase), UInt64(clamping: seconds))
            }
        }
        buffer.header(.enabled)
        for (zone, zoneLabel) in rows {
            buffer.sample(.enabled, zoneLabel, zone.configuration.settings.reconnectionEnabled ? 1 : 0 as UInt64)
        }
        buffer.header(.zoneConfigVersion)
        for (zone, zoneLabel) in rows {
            buffer.sample(.zoneConfigVersion, zoneLabel, UInt64(clamping: zone.configuration.version))
        }
    }
}
