extension ProcessMetrics.Sample {
    /// Writes the standard `process_*` families, in name order, leaving out each one whose
    /// figure is absent.
    func write(into buffer: inout ExpositionBuffer) {
        if let cpuSeconds { write(.processCPU, into: &buffer) { $0.append(cpuSeconds) } }
        if let maxFDs { write(.processMaxFDs, into: &buffer) { $0.append(maxFDs) } }
        if let openFDs { write(.processOpenFDs, into: &buffer) { $0.append(openFDs) } }
        if let residentMemoryBytes { write(.processResident, into: &buffer) { $0.append(residentMemoryBytes) } }
        if let startTimeSeconds { write(.processStartTime, into: &buffer) { $0.append(startTimeSeconds) } }
        if let virtualMemoryBytes { write(.processVirtual, into: &buffer) { $0.append(virtualMemoryBytes) } }
    }

    /// Writes a family of one unlabelled sample, its value written by `value`.
    private func write(_ family: MetricFamily, into buffer: inout ExpositionBuffer, value: (inout ExpositionBuffer) -> Void) {
        buffer.header(family)
        buffer.append(family.name)
        buffer.append(" ")
        value(&buffer)
        buffer.append("\n")
    }
}
