extension HTTPMetrics {
    /// Writes `reconnection_http_requests_total` and `reconnection_http_request_duration_seconds`,
    /// series sorted by route, then method, then status code.
    ///
    /// Both families print their HELP and TYPE lines even before the first request.
    func write(into buffer: inout ExpositionBuffer) {
        let figures = merged()
        let keys = figures.keys.sorted()
        let labels = keys.map { key in
            var labels = ExpositionBuffer(capacity: key.route.utf8.count + key.method.utf8.count + 20)
            labels.appendLabel("route", key.route)
            labels.append(",")
            labels.appendLabel("method", key.method)
            return labels.bytes
        }
        buffer.header(.httpRequests)
        for (key, labels) in zip(keys, labels) {
            for (status, count) in figures[key]!.requestsByStatus.sorted(by: { $0.key < $1.key }) {
                var code = ExpositionBuffer(capacity: 12)
                code.append("code=\"")
                code.append(status)
                code.append("\"")
                buffer.sample(.httpRequests, labels, plus: code.bytes, count)
            }
        }
        buffer.header(.httpDuration)
        for (key, labels) in zip(keys, labels) {
            let series = figures[key]!
            buffer.histogram(.httpDuration, labels, layout: Self.layout, counts: series.bucketCounts, sum: series.durationSum)
        }
    }
}
