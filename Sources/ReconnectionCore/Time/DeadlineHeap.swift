/// A binary min-heap of deadlines, so a sweep pops only what is due: O(due · log n).
///
/// Entries are never removed early. A caller that moves or cancels a deadline leaves the old
/// entry in place and checks, when it pops, whether the entry still stands ("lazy deletion").
struct DeadlineHeap<Element> {
    private var entries: [(deadline: Timestamp, element: Element)] = []

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    /// The earliest deadline, if any.
    var earliest: Timestamp? { entries.first?.deadline }

    mutating func insert(_ element: Element, at deadline: Timestamp) {
        entries.append((deadline, element))
        siftUp(from: entries.count - 1)
    }

    /// Removes and returns the earliest entry if its deadline is at or before `now`.
    mutating func popDue(at now: Timestamp) -> (deadline: Timestamp, element: Element)? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(from: 0)
        }
        return first
    }

    mutating func removeAll() {
        entries = []
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            var smallest = left
            if right < entries.count && entries[right].deadline < entries[left].deadline { smallest = right }
            guard entries[smallest].deadline < entries[parent].deadline else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

extension DeadlineHeap: Sendable where Element: Sendable {}
