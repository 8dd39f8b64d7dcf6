import Testing
import ReconnectionCore

@Suite("DurationHistogram")
struct HistogramTests {
    @Test("a value equal to a bound goes in that bound's bucket; just above goes in the next")
    func edges() {
        let bounds = DurationHistogram.bounds
        for (index, bound) in bounds.enumerated() {
            var histogram = DurationHistogram()
            histogram.observe(bound)
            #expect(histogram.bucketCounts[index] == 1, "le=\(bound)")
            histogram.observe(bound.nextUp)
            #expect(histogram.bucketCounts[index + 1] == 1, "above \(bound)")
            #expect(histogram.count == 2)
        }
    }

    @Test("zero and tiny values land in the first bucket, huge ones in +Inf")
    func extremes() {
        var histogram = DurationHistogram()
        histogram.observe(0)
        histogram.observe(0.001)
        histogram.observe(86_400)
        #expect(histogram.bucketCounts.first == 2)
        #expect(histogram.bucketCounts.last == 1)
        #expect(histogram.bucketCounts.count == DurationHistogram.bounds.count + 1)
        #expect(histogram.sum == 86_400.001)
    }

    @Test("cumulative counts run up to the total, +Inf last")
    func cumulative() {
        var histogram = DurationHistogram()
        for value in [0.2, 0.5, 0.7, 3, 3, 45, 46, 4000] { histogram.observe(value) }
        let bounds = DurationHistogram.bounds
        let cumulative = histogram.cumulativeCounts
        #expect(cumulative.count == bounds.count + 1)
        #expect(cumulative.last == 8 && histogram.count == 8)
        #expect(cumulative[bounds.firstIndex(of: 0.5)!] == 2)
        #expect(cumulative[bounds.firstIndex(of: 1)!] == 3)
        #expect(cumulative[bounds.firstIndex(of: 2)!] == 3)
        #expect(cumulative[bounds.firstIndex(of: 5)!] == 5)
        #expect(cumulative[bounds.firstIndex(of: 45)!] == 6)
        #expect(cumulative[bounds.firstIndex(of: 60)!] == 7)
        #expect(cumulative[bounds.firstIndex(of: 3600)!] == 7)
        #expect(zip(cumulative, cumulative.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(abs(histogram.sum - 4098.4) < 1e-9)
    }

    @Test("merge adds buckets, sums and counts")
    func merge() {
        var a = DurationHistogram()
        var b = DurationHistogram()
        a.observe(1)
        b.observe(1)
        b.observe(100)
        a.merge(b)
        #expect(a.count == 3 && a.sum == 102)
        #expect(a.bucketCounts[DurationHistogram.bounds.firstIndex(of: 1)!] == 2)
        #expect(a.bucketCounts[DurationHistogram.bounds.firstIndex(of: 120)!] == 1)
    }

    @Test("reconnections feed the zone's histogram with the time away")
    func fromRedeems() throws {
        let harness = try Harness()
        let quick = try harness.disconnect("r", "quick")
        let slow = try harness.disconnect("r", "slow")
        harness.clock.advance(seconds: 0.5)
        try harness.redeem(quick)
        harness.clock.advance(seconds: 29.5)
        try harness.redeem(slow)
        let histogram = harness.stats.reconnectDurations
        #expect(histogram.count == 2 && histogram.sum == 30.5)
        #expect(histogram.bucketCounts[DurationHistogram.bounds.firstIndex(of: 0.5)!] == 1)
        #expect(histogram.bucketCounts[DurationHistogram.bounds.firstIndex(of: 30)!] == 1)
    }
}
