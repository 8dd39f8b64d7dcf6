/// A histogram family's bucket bounds with their `le` labels rendered once, so that a scrape
/// of many series copies them instead of formatting floats.
struct HistogramLayout: Sendable {
    /// Upper bounds in seconds, ascending; `+Inf` is implied.
    let bounds: [Double]
    /// `le="…"` for each bound, then `le="+Inf"`.
    let leLabels: [[UInt8]]

    /// Creates the layout for ascending `bounds`.
    init(bounds: [Double]) {
        self.bounds = bounds
        leLabels = (bounds + [Double.infinity]).map { bound in
            var buffer = ExpositionBuffer(capacity: 16)
            buffer.append("le=\"")
            buffer.append(bound)
            buffer.append("\"")
            return buffer.bytes
        }
    }

    /// The bucket an observation falls in: the first bound at least `value`, else the
    /// overflow bucket (index `bounds.count`).
    func bucket(for value: Double) -> Int {
        var index = 0
        while index < bounds.count && value > bounds[index] { index += 1 }
        return index
    }
}
