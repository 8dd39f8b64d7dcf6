extension ProcessMetrics.Sample {
    /// Writes the standard `process_*` families, in name order, leaving out each one whose
    /// figure is absent.
    func write(into buffer: inout ExpositionBuffer) {
        write(.processCPU, cpuSeconds, into: &buffer)
        write(.processMaxFDs, maxFDs.map(Double.init), into: &buffer)
        write(.processOpenFDs, openFDs.map(Double.init), into: &buffer)
        write(.processResident, residentMemoryBytes.map(Double.init), into: &buffer)
        write(.processStartTime, startTimeSeconds, into: &buffer)
        write(.processVirtual, virtualMemoryBytes.map(Double.init), into: &buffer)
    }

    private func write(_ family: MetricFamily, _ value: Double?, into buffer: inout ExpositionBuffer) {
        guard let value else { return }
        buffer.header(family)
        buffer.sample(family, [], value)
    }
}
