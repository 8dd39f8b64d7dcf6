/// A metric family's fixed description: its name, type and help text, written once per scrape
/// as the `# HELP` and `# TYPE` lines.
///
/// Names and help are `StaticString`s so that rendering copies bytes and never builds strings.
struct MetricFamily: Sendable {
    /// The exposition type of a family.
    enum Kind: Sendable {
        case counter, gauge, histogram

        /// The word of the `# TYPE` line.
        var keyword: StaticString {
            switch self {
            case .counter: "counter"
            case .gauge: "gauge"
            case .histogram: "histogram"
            }
        }
    }

    /// The metric name; a counter's ends in `_total`.
    let name: StaticString
    /// Its type.
    let kind: Kind
    /// One line of help, without backslashes or newlines (the text format would need them escaped).
    let help: StaticString
}

extension ExpositionBuffer {
    /// Writes the `# HELP` and `# TYPE` lines that open `family`.
    mutating func header(_ family: MetricFamily) {
        append("# HELP ")
        append(family.name)
        append(" ")
        append(family.help)
        append("\n# TYPE ")
        append(family.name)
        append(" ")
        append(family.kind.keyword)
        append("\n")
    }
}
