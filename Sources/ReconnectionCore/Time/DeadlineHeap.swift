/// Deadlines to pop in order, so a sweep takes only what is due: O(due · log n).
///
/// A binary min-heap with an in-order lane beside it. Most deadlines arrive in order (now plus
/// the same window, again and again), and those go to the lane, a queue that pops from its
/// front in O(1) and touches one cache line where a heap pop walks every level down to a leaf.
/// A deadline earlier than the lane's last (another window, a clock step back) goes to the
/// heap; a pop takes the earlier of the two fronts.
///
/// Entries are never removed early. A caller that moves or cancels a deadline leaves the old
/// entry in place and checks, when it pops, whether the entry still stands ("lazy deletion").
struct DeadlineHeap<Element> {
    private var heap: [(deadline: Timestamp, element: Element)] = []
    /// Non-decreasing deadlines in a ring: `laneCount` entries from `laneHead`, wrapping around.
    /// A ring rather than an array popped from the front: nothing is moved to reclaim space.
    /// Slots outside the live range hold stale copies until overwritten (no optional wrapper,
    /// which would add 8 bytes an entry).
    private var lane: [(deadline: Timestamp, element: Element)] = []
    private var laneHead = 0
    private var laneCount = 0

    var count: Int { heap.count + laneCount }
    var isEmpty: Bool { count == 0 }
    /// The earliest deadline, if any.
    var earliest: Timestamp? {
        switch (heap.first?.deadline, laneFront?.deadline) {
        case (let fromHeap?, let fromLane?): min(fromHeap, fromLane)
        case (let fromHeap, let fromLane): fromHeap ?? fromLane
        }
    }

    mutating func insert(_ element: Element, at deadline: Timestamp) {
        if laneCount == 0 || laneBack!.deadline <= deadline {
            pushLane((deadline, element))
        } else {
            heap.append((deadline, element))
            siftUp(from: heap.count - 1)
        }
    }

    /// Removes and returns the earliest entry if its deadline is at or before `now`.
    mutating func popDue(at now: Timestamp) -> (deadline: Timestamp, element: Element)? {
        let laneDeadline = laneFront?.deadline
        if let first = heap.first, first.deadline <= now, laneDeadline.map({ first.deadline < $0 }) ?? true {
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(from: 0)
            }
            return first
        }
        guard let laneDeadline, laneDeadline <= now else { return nil }
        let entry = lane[laneHead]
        laneHead = (laneHead + 1) & (lane.count - 1)
        laneCount -= 1
        return entry
    }

    mutating func removeAll() {
        heap = []
        lane = []
        laneHead = 0
        laneCount = 0
    }

    private var laneFront: (deadline: Timestamp, element: Element)? {
        laneCount > 0 ? lane[laneHead] : nil
    }

    private var laneBack: (deadline: Timestamp, element: Element)? {
        laneCount > 0 ? lane[(laneHead + laneCount - 1) & (lane.count - 1)] : nil
    }

    /// Appends to the ring, doubling it (a power of two) when full.
    private mutating func pushLane(_ entry: (deadline: Timestamp, element: Element)) {
        if laneCount == lane.count {
            let capacity = max(16, lane.count * 2)
            var grown: [(deadline: Timestamp, element: Element)] = []
            grown.reserveCapacity(capacity)
            for offset in 0..<laneCount {
                grown.append(lane[(laneHead + offset) & (lane.count - 1)])
            }
            // Fill the rest of the ring with copies of the new entry: stale until used.
            while grown.count < capacity { grown.append(entry) }
            lane = grown
            laneHead = 0
        }
        lane[(laneHead + laneCount) & (lane.count - 1)] = entry
        laneCount += 1
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            var smallest = left
            if right < heap.count && heap[right].deadline < heap[left].deadline { smallest = right }
            guard heap[smallest].deadline < heap[parent].deadline else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

extension DeadlineHeap: Sendable where Element: Sendable {}
