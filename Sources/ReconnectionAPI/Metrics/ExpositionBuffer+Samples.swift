/// Sample lines: `name{labels} value`, with the label set rendered once by the caller and
/// reused on every line of the series.
extension ExpositionBuffer {
    /// Writes `name{labels,extra} value` (`extra` may be empty).
    mutating func sample(_ family: MetricFamily, _ labels: [UInt8], plus extra: [UInt8] = [], _ value: UInt64) {
        openSample(family.name, "", labels, extra)
        append(value)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Writes one histogram series: cumulative `_bucket` lines (`+Inf` last), `_sum`, `_count`.
    /// - Parameters:
    ///   - family: a histogram family.
    ///   - labels: the series' labels, without `le`.
    ///   - layout: the bucket bounds of the family.
    ///   - counts: observations per bucket, not cumulative, one more than the bounds
    ///     (the last counts those above every bound).
    ///   - sum: the sum of the observations.
    mutating func histogram(_ family: MetricFamily, _ labels: [UInt8], layout: HistogramLayout, counts: [UInt64], sum: Double) {
        var running: UInt64 = 0
        for index in layout.leLabels.indices {
            running &+= index < counts.count ? counts[index] : 0
            openSample(family.name, "_bucket", labels, layout.leLabels[index])
            append(running)
            bytes.append(UInt8(ascii: "\n"))
        }
        openSample(family.name, "_sum", labels, [])
        append(sum)
        bytes.append(UInt8(ascii: "\n"))
        openSample(family.name, "_count", labels, [])
        append(running)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Writes `name{labels,extra} `, up to the value; braces are left out when there are no labels.
    private mutating func openSample(_ name: StaticString, _ suffix: StaticString, _ labels: [UInt8], _ extra: [UInt8]) {
        append(name)
        append(suffix)
        if labels.isEmpty && extra.isEmpty {
            bytes.append(UInt8(ascii: " "))
            return
        }
        bytes.append(UInt8(ascii: "{"))
        append(labels)
        if !labels.isEmpty && !extra.isEmpty { bytes.append(UInt8(ascii: ",")) }
        append(extra)
        append("} ")
    }
}
