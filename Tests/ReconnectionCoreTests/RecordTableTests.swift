import Testing
@testable import ReconnectionCore

@Suite("RecordTable")
struct RecordTableTests {
    private static func record(_ verifier: UInt64) -> TokenRecord {
        TokenRecord(
            verifier: verifier, zone: ZoneID(rawValue: 1), state: .pending, authority: false, room: "r", player: "p\(verifier)",
            phase: "default", disconnectedAt: Timestamp(nanoseconds: 0), lastSequence: 0, deadline: Timestamp(nanoseconds: 1))
    }

    @Test("inserts, finds, modifies and removes like a dictionary, through long probe runs")
    func matchesDictionary() {
        var table = RecordTable()
        var model: [UInt64: (player: String, verifier: UInt64)] = [:]
        var random = SplitMix64(seed: 11)
        for step in 0..<20_000 {
            // Few distinct index positions, so runs wrap around and deletions shift entries back.
            let selector = (random.next() % 3_000) << 8 | 0x2A
            switch random.next() % 3 {
            case 0:
                let inserted = table.insert(selector: selector) { Self.record(UInt64(step)) }
                #expect(inserted == (model[selector] == nil))
                if inserted { model[selector] = ("p\(step)", UInt64(step)) }
            case 1:
                table.remove(selector)
                model[selector] = nil
            default:
                if let place = table.place(of: selector) {
                    table[place].verifier &+= 1
                    model[selector]!.verifier &+= 1
                }
            }
            #expect(table.count == model.count)
        }
        for (selector, expected) in model {
            let place = table.place(of: selector)
            #expect(place.map { table[$0].verifier } == expected.verifier)
            #expect(place.map { table[$0].player } == expected.player)
        }
        for selector in (0..<3_000).map({ UInt64($0) << 8 | 0x2A }) where model[selector] == nil {
            #expect(table.place(of: selector) == nil)
        }
    }

    @Test("selector 0 is never stored, so the empty mark cannot be mistaken for a token")
    func zeroSelector() {
        var table = RecordTable()
        #expect(!table.insert(selector: 0) { Self.record(1) })
        #expect(table.place(of: 0) == nil && table.count == 0)
    }

    @Test("places freed by removals are reused before the storage grows")
    func reusesPlaces() {
        var table = RecordTable()
        let selectors = (1...5_000).map { UInt64($0) << 8 }
        for selector in selectors { #expect(table.insert(selector: selector) { Self.record(selector) }) }
        let places = Set(selectors.compactMap { table.place(of: $0) })
        #expect(places.count == 5_000)
        for selector in selectors.prefix(2_500) { table.remove(selector) }
        let fresh = (10_001...12_500).map { UInt64($0) << 8 }
        for selector in fresh { #expect(table.insert(selector: selector) { Self.record(selector) }) }
        #expect(Set(fresh.compactMap { table.place(of: $0) }).isSubset(of: places))
        #expect(table.count == 5_000)
    }
}
