import Testing
@testable import ReconnectionCore

@Suite("Time")
struct TimeTests {
    @Test("timestamps convert milliseconds and round down before the epoch too")
    func timestamp() {
        #expect(Timestamp(milliseconds: 1_500).nanoseconds == 1_500_000_000)
        #expect(Timestamp(nanoseconds: 1_999_999).milliseconds == 1)
        #expect(Timestamp(nanoseconds: -1).milliseconds == -1)
        #expect(Timestamp(nanoseconds: -1_000_000).milliseconds == -1)
        #expect(Timestamp(nanoseconds: -1_000_001).milliseconds == -2)
        let start = Timestamp(milliseconds: 10_000)
        #expect(start.adding(seconds: 5).seconds(since: start) == 5)
        #expect(start.adding(seconds: -3) < start)
    }

    @Test("the manual clock moves only when told to")
    func manualClock() {
        let clock = ManualClock(Timestamp(milliseconds: 0))
        #expect(clock.now() == Timestamp(nanoseconds: 0))
        #expect(clock.now() == clock.now())
        clock.advance(seconds: 1.25)
        #expect(clock.now() == Timestamp(milliseconds: 1_250))
        clock.set(Timestamp(nanoseconds: 7))
        #expect(clock.now().nanoseconds == 7)
    }

    @Test("the core tells the time of the clock it was given")
    func coreNow() {
        let clock = ManualClock()
        let core = Reconnector(clock: clock)
        #expect(core.now() == clock.now())
        clock.advance(seconds: 90)
        #expect(core.now() == clock.now())
    }

    @Test("the system clock reads the present")
    func systemClock() {
        // 2024-01-01 onwards and before 2100: catches a wrong unit or an unset clock.
        let now = SystemClock().now()
        #expect(now > Timestamp(milliseconds: 1_704_067_200_000))
        #expect(now < Timestamp(milliseconds: 4_102_444_800_000))
    }

    @Test("the deadline heap pops in deadline order, only what is due")
    func heap() {
        var heap = DeadlineHeap<Int>()
        var random = SplitMix64(seed: 3)
        var deadlines: [Int64] = []
        for index in 0..<500 {
            let deadline = Int64(random.next() % 1000)
            deadlines.append(deadline)
            heap.insert(index, at: Timestamp(nanoseconds: deadline))
        }
        #expect(heap.count == 500 && heap.earliest == Timestamp(nanoseconds: deadlines.min()!))
        var popped: [Int64] = []
        while let entry = heap.popDue(at: Timestamp(nanoseconds: 499)) {
            #expect(deadlines[entry.element] == entry.deadline.nanoseconds)
            popped.append(entry.deadline.nanoseconds)
        }
        #expect(popped == deadlines.filter { $0 <= 499 }.sorted())
        #expect(heap.count == 500 - popped.count)
        #expect(heap.earliest.map { $0.nanoseconds > 499 } == true)
        heap.removeAll()
        #expect(heap.isEmpty && heap.popDue(at: Timestamp(nanoseconds: .max)) == nil)
    }
}
