/// Token records by selector: an open-addressing index (linear probing) into records kept in
/// fixed-size chunks. One vault shard's worth, used under that shard's lock.
///
/// Not a `[UInt64: TokenRecord]`, for memory and for speed. A dictionary bucket holds the key
/// and the whole record, and a power-of-two table grown at 75% load runs between 37% and 75%
/// full, so at a million records it spent about 200 bytes a record; here an empty index slot
/// costs 12 bytes and records sit densely. And selectors are drawn from the CSPRNG, so their
/// bits index the table as they are: hashing them again (SipHash, per lookup) buys nothing.
/// Callers can look up any selector, but only the vault inserts, and only drawn ones.
struct RecordTable: Sendable {
    /// Records per chunk once the first chunk is full; the first grows like an array, so a
    /// shard with few tokens stays small.
    private static let chunkSize = 4096
    /// The vault picks its shard with the low bits; the index uses the bits above them.
    private static let shardBits: UInt64 = 8

    /// Selectors by index position; 0 marks an empty position (the vault never stores 0).
    private var keys: [UInt64] = []
    /// For each occupied position, where its record is (chunk × chunkSize + offset).
    private var places: [UInt32] = []
    private var chunks: [[TokenRecord]] = []
    /// Places whose record was removed, reused before the chunks grow.
    private var vacant: [UInt32] = []
    /// How many records the table holds.
    private(set) var count = 0

    /// Where the record of `selector` is, for ``subscript(_:)``; `nil` if absent.
    func place(of selector: UInt64) -> Int? {
        guard selector != 0, !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var position = Self.home(of: selector, mask: mask)
        while true {
            let key = keys[position]
            if key == selector { return Int(places[position]) }
            if key == 0 { return nil }
            position = (position + 1) & mask
        }
    }

    /// The record at a place found by ``place(of:)`` (valid until the next insert or remove).
    /// Read and modified in place: a getter would copy the record, strings and all.
    subscript(place: Int) -> TokenRecord {
        _read { yield chunks[place / Self.chunkSize][place % Self.chunkSize] }
        _modify { yield &chunks[place / Self.chunkSize][place % Self.chunkSize] }
    }

    /// Stores the record `make` builds under `selector`; `false` (and `make` not called) when
    /// the selector is taken, or 0. Built in place so the record is moved in, never copied.
    mutating func insert(selector: UInt64, _ make: () -> TokenRecord) -> Bool {
        guard selector != 0 else { return false }
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let mask = keys.count - 1
        var position = Self.home(of: selector, mask: mask)
        while keys[position] != 0 {
            if keys[position] == selector { return false }
            position = (position + 1) & mask
        }
        keys[position] = selector
        places[position] = store(make())
        count += 1
        return true
    }

    /// Removes the record of `selector`, if present.
    mutating func remove(_ selector: UInt64) {
        guard selector != 0, !keys.isEmpty else { return }
        let mask = keys.count - 1
        var hole = Self.home(of: selector, mask: mask)
        while keys[hole] != selector {
            if keys[hole] == 0 { return }
            hole = (hole + 1) & mask
        }
        let place = Int(places[hole])
        // Drop the record's strings now rather than when the place is reused.
        self[place] = .vacant
        vacant.append(UInt32(place))
        count -= 1
        // Backward-shift deletion: pull later entries of the run into the hole when their
        // home position allows it, so lookups never need tombstones.
        var next = hole
        while true {
            next = (next + 1) & mask
            let key = keys[next]
            if key == 0 { break }
            let home = Self.home(of: key, mask: mask)
            if (next &- home) & mask >= (next &- hole) & mask {
                keys[hole] = key
                places[hole] = places[next]
                hole = next
            }
        }
        keys[hole] = 0
    }

    private static func home(of selector: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: selector >> shardBits) & mask
    }

    private mutating func store(_ record: consuming TokenRecord) -> UInt32 {
        if let place = vacant.popLast() {
            self[Int(place)] = record
            return place
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk: [TokenRecord] = []
            if !chunks.isEmpty { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        chunks[last].append(record)
        return UInt32(last * Self.chunkSize + chunks[last].count - 1)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldPlaces = places
        let capacity = max(16, keys.count * 2)
        keys = [UInt64](repeating: 0, count: capacity)
        places = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (key, place) in zip(oldKeys, oldPlaces) where key != 0 {
            var position = Self.home(of: key, mask: mask)
            while keys[position] != 0 { position = (position + 1) & mask }
            keys[position] = key
            places[position] = place
        }
    }
}
