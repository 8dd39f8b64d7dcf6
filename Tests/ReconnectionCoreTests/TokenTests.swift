import Testing
@testable import ReconnectionCore

@Suite("RejoinToken")
struct TokenTests {
    private static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test("text is 22 base64url characters and parses back to the same value")
    func roundTrip() throws {
        var random = SplitMix64(seed: 7)
        var tokens = [
            RejoinToken(selector: 0, verifier: 0),
            RejoinToken(selector: .max, verifier: .max),
            RejoinToken(selector: 0, verifier: .max),
            RejoinToken(selector: .max, verifier: 0),
            RejoinToken(selector: 1, verifier: 1 << 63),
        ]
        tokens += (0..<1000).map { _ in RejoinToken(selector: random.next(), verifier: random.next()) }
        for token in tokens {
            let text = token.text
            #expect(text.count == 22)
            #expect(text.allSatisfy(Self.alphabet.contains))
            #expect(RejoinToken(text) == token)
        }
    }

    @Test("known encodings: all zeros and all ones")
    func knownValues() {
        #expect(RejoinToken(selector: 0, verifier: 0).text == String(repeating: "A", count: 22))
        // 128 one bits: 21 full characters of '_' (63) and a last one with its 4 spare bits clear: 0b110000 = 'w'.
        #expect(RejoinToken(selector: .max, verifier: .max).text == String(repeating: "_", count: 21) + "w")
        // The lowest bit sits in the last character's fifth bit from the right: 0b010000 = 'Q'.
        #expect(RejoinToken(selector: 0, verifier: 1).text == String(repeating: "A", count: 21) + "Q")
        #expect(RejoinToken(selector: 1 << 63, verifier: 0).text == "g" + String(repeating: "A", count: 21))
    }

    @Test("parsing rejects wrong lengths, foreign characters and spare bits")
    func rejects() {
        let good = RejoinToken(selector: 0x0123_4567_89AB_CDEF, verifier: 0xFEDC_BA98_7654_3210).text
        #expect(RejoinToken(good) != nil)
        #expect(RejoinToken("") == nil)
        #expect(RejoinToken(String(good.dropLast())) == nil, "21 characters")
        #expect(RejoinToken(good + "A") == nil, "23 characters")
        for bad in ["+", "/", "=", " ", ".", "é", "\u{0}"] {
            #expect(RejoinToken(String(good.dropLast(2)) + bad + "A") == nil, "character \(bad)")
        }
        // Base64 with padding or the standard alphabet is not base64url.
        #expect(RejoinToken(good + "==") == nil)
        // The last character carries 2 data bits; any of the 4 spare bits set is another token's typo.
        let prefix = String(good.dropLast())
        for spare in ["B", "C", "E", "I", "R", "x", "_"] {
            #expect(RejoinToken(prefix + spare) == nil, "spare bits in \(spare)")
        }
        for clean in ["A", "Q", "g", "w"] {
            #expect(RejoinToken(prefix + clean) != nil, "\(clean) has no spare bits")
        }
    }

    @Test("description and interpolation never show the token")
    func redacted() throws {
        let harness = try Harness()
        let receipt = try harness.disconnect()
        let text = receipt.token.text
        #expect(!receipt.token.description.contains(text))
        #expect(!"\(receipt.token)".contains(text))
        #expect(!String(reflecting: receipt.token).contains(text))
        #expect(!"\(receipt)".contains(text))
        #expect(!String(reflecting: receipt).contains(text))
        var dumped = ""
        dump(receipt, to: &dumped)
        #expect(!dumped.contains(String(receipt.token.selector)))
        #expect(!dumped.contains(String(receipt.token.verifier)))
    }

    @Test("tokens from disconnects are distinct")
    func distinct() throws {
        let harness = try Harness(ZoneSettings(maxPendingSessions: 20_000))
        var texts = Set<String>()
        var selectors = Set<UInt64>()
        for index in 0..<10_000 {
            let token = try harness.disconnect("r\(index % 50)", "p\(index)").token
            texts.insert(token.text)
            selectors.insert(token.selector)
        }
        #expect(texts.count == 10_000)
        #expect(selectors.count == 10_000)
        #expect(harness.core.tokenRecordCount == 10_000)
    }

    @Test("the generator refills and never hands out zeros")
    func generator() {
        var generator = TokenGenerator()
        let tokens = (0..<200).map { _ in generator.next() }
        #expect(Set(tokens).count == 200)
        #expect(!tokens.contains(RejoinToken(selector: 0, verifier: 0)))
    }
}
