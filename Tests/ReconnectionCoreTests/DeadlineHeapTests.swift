import Testing
@testable import ReconnectionCore

@Suite("DeadlineHeap")
struct DeadlineHeapTests {
    @Test("in-order deadlines mixed with earlier ones still pop in deadline order")
    func mixedOrder() {
        var heap = DeadlineHeap<Int>()
        var random = SplitMix64(seed: 5)
        var deadlines: [Int64] = []
        var clock: Int64 = 0
        for index in 0..<20_000 {
            // Mostly "now + one window" (in order), sometimes a shorter window or a step back.
            clock += Int64(random.next() % 3)
            let deadline = random.next() % 5 == 0 ? clock - Int64(random.next() % 500) : clock + 1_000
            deadlines.append(deadline)
            heap.insert(index, at: Timestamp(nanoseconds: deadline))
        }
        #expect(heap.count == 20_000 && heap.earliest == Timestamp(nanoseconds: deadlines.min()!))
        var popped: [Int64] = []
        var now: Int64 = -1_000
        while popped.count < deadlines.count {
            now += 97
            while let entry = heap.popDue(at: Timestamp(nanoseconds: now)) {
                #expect(deadlines[entry.element] == entry.deadline.nanoseconds)
                #expect(entry.deadline.nanoseconds <= now)
                popped.append(entry.deadline.nanoseconds)
            }
            #expect(heap.earliest.map { $0.nanoseconds > now } ?? true)
        }
        #expect(popped == deadlines.sorted())
        #expect(heap.isEmpty && heap.popDue(at: Timestamp(nanoseconds: .max)) == nil)
    }

    @Test("entries keep coming out in order while others are added between pops")
    func interleaved() {
        var heap = DeadlineHeap<Int>()
        var last: Int64 = .min
        for step in 0..<5_000 {
            heap.insert(step, at: Timestamp(nanoseconds: Int64(step * 10 + (step % 7 == 0 ? -35 : 0))))
            if step % 3 == 0, let entry = heap.popDue(at: Timestamp(nanoseconds: Int64(step * 10 - 100))) {
                #expect(entry.deadline.nanoseconds >= last)
                last = entry.deadline.nanoseconds
            }
        }
        while let entry = heap.popDue(at: Timestamp(nanoseconds: .max)) {
            #expect(entry.deadline.nanoseconds >= last)
            last = entry.deadline.nanoseconds
        }
        #expect(heap.isEmpty)
    }
}
