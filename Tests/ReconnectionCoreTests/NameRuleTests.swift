import Testing
import ReconnectionCore

@Suite("NameRule")
struct NameRuleTests {
    @Test("zone names: lower-case alphanumeric first, then [a-z0-9._-], 1 to 63")
    func zone() {
        for name in ["a", "0", "ranked-5v5", "a.b_c-d", "9" + String(repeating: "x", count: 62)] {
            #expect(NameRule.zone.accepts(name), "\(name)")
        }
        for name in [
            "", "Ranked", "rAnked", "-a", ".a", "_a", "a b", "a/b", "a:b", "a@b",
            "z" + String(repeating: "x", count: 63), "zoné", "ä",
        ] {
            #expect(!NameRule.zone.accepts(name), "\(name)")
        }
    }

    @Test("identifiers: [A-Za-z0-9._:@-], any of them first, 1 to 128")
    func identifier() {
        for name in ["a", "A", "-", ".", ":", "@", "_", "r-1842", "P.77:eu@host_1", String(repeating: "Z", count: 128)] {
            #expect(NameRule.identifier.accepts(name), "\(name)")
        }
        for name in ["", String(repeating: "Z", count: 129), "a b", "a/b", "a#b", "a+b", "a%20", "ü", "a\u{0}", "é"] {
            #expect(!NameRule.identifier.accepts(name), "\(name)")
        }
    }

    @Test("phases: lower-case alphanumeric first, then [a-z0-9_-], 1 to 32")
    func phase() {
        for name in ["a", "7", "mid_round", "match-point", "p" + String(repeating: "1", count: 31)] {
            #expect(NameRule.phase.accepts(name), "\(name)")
        }
        for name in ["", "Lobby", "lobbY", "_lobby", "-lobby", "a.b", "a:b", "p" + String(repeating: "1", count: 32), "lobbé"] {
            #expect(!NameRule.phase.accepts(name), "\(name)")
        }
    }

    @Test("event types: [A-Za-z0-9._:-], any of them first, 1 to 64")
    func eventType() {
        for name in ["chat", "Chat", "game.score:v2", "-", "_x", String(repeating: "e", count: 64)] {
            #expect(NameRule.eventType.accepts(name), "\(name)")
        }
        for name in ["", String(repeating: "e", count: 65), "a@b", "a b", "a/b", "ß"] {
            #expect(!NameRule.eventType.accepts(name), "\(name)")
        }
    }

    @Test("non-ASCII counts in bytes and never passes, even when short")
    func nonASCII() {
        // "é" is two UTF-8 bytes; a 63-byte limit must not be fooled by character counts.
        for rule in [NameRule.zone, .identifier, .phase, .eventType] {
            #expect(!rule.accepts("a\u{00E9}"))
            #expect(!rule.accepts("a\u{2010}b"), "Unicode hyphen is not '-'")
        }
    }

    @Test("check throws an InvalidField naming the field and the pattern")
    func check() throws {
        #expect(throws: Never.self) { try NameRule.zone.check("ok", field: "name") }
        do {
            try NameRule.phase.check("Bad", field: "phase")
            Issue.record("accepted an upper-case phase")
        } catch {
            #expect(error.field == "phase")
            #expect(error.message.contains(NameRule.phase.pattern))
            #expect(error.description.hasPrefix("phase: "))
        }
    }
}
