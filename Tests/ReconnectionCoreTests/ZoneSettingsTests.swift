import Testing
import ReconnectionCore

@Suite("ZoneSettings")
struct ZoneSettingsTests {
    /// The field `settings.validate()` names, or `nil` when they are valid.
    private func rejectedField(_ settings: ZoneSettings) -> String? {
        do {
            try settings.validate()
            return nil
        } catch {
            return error.field
        }
    }

    private func with(_ change: (inout ZoneSettings) -> Void) -> ZoneSettings {
        var settings = ZoneSettings()
        change(&settings)
        return settings
    }

    @Test("defaults are those of API.md")
    func defaults() {
        let settings = ZoneSettings()
        #expect(settings.reconnectionEnabled)
        #expect(settings.graceSeconds == 300)
        #expect(settings.phaseGraceSeconds.isEmpty)
        #expect(settings.eventBufferSize == 100)
        #expect(settings.maxPendingSessions == 100_000)
        #expect(rejectedField(settings) == nil)
    }

    @Test("grace_seconds: 1 to 86400", arguments: [(0, false), (1, true), (86_400, true), (86_401, false), (-5, false)])
    func grace(value: Int, valid: Bool) {
        #expect(rejectedField(with { $0.graceSeconds = value }) == (valid ? nil : "grace_seconds"))
    }

    @Test("event_buffer_size: 0 to 100000", arguments: [(-1, false), (0, true), (100_000, true), (100_001, false)])
    func buffer(value: Int, valid: Bool) {
        #expect(rejectedField(with { $0.eventBufferSize = value }) == (valid ? nil : "event_buffer_size"))
    }

    @Test("max_pending_sessions: 1 to 10000000", arguments: [(0, false), (1, true), (10_000_000, true), (10_000_001, false)])
    func maxPending(value: Int, valid: Bool) {
        #expect(rejectedField(with { $0.maxPendingSessions = value }) == (valid ? nil : "max_pending_sessions"))
    }

    @Test("at most 16 phases")
    func phaseCount() {
        let sixteen = Dictionary(uniqueKeysWithValues: (1...16).map { ("p\($0)", 60) })
        #expect(rejectedField(with { $0.phaseGraceSeconds = sixteen }) == nil)
        var seventeen = sixteen
        seventeen["p17"] = 60
        #expect(rejectedField(with { $0.phaseGraceSeconds = seventeen }) == "phase_grace_seconds")
    }

    @Test("a phase's window is 1 to 86400 and the error names the phase")
    func phaseWindow() {
        #expect(rejectedField(with { $0.phaseGraceSeconds = ["lobby": 1, "end": 86_400] }) == nil)
        #expect(rejectedField(with { $0.phaseGraceSeconds = ["lobby": 0] }) == "phase_grace_seconds.lobby")
        #expect(rejectedField(with { $0.phaseGraceSeconds = ["lobby": 90, "match_point": 86_401] }) == "phase_grace_seconds.match_point")
    }

    @Test("a phase name must follow the phase rule, and 'default' is reserved")
    func phaseName() {
        #expect(rejectedField(with { $0.phaseGraceSeconds = ["Lobby": 90] }) == "phase_grace_seconds.Lobby")
        #expect(rejectedField(with { $0.phaseGraceSeconds = ["": 90] }) == "phase_grace_seconds.")
        #expect(rejectedField(with { $0.phaseGraceSeconds = ["default": 90] }) == "phase_grace_seconds.default")
    }

    @Test("window(for:) takes the phase's window, else the base one named 'default'")
    func window() {
        let settings = ZoneSettings(graceSeconds: 45, phaseGraceSeconds: ["lobby": 90, "match_point": 60])
        #expect(settings.window(for: "lobby") == ("lobby", 90))
        #expect(settings.window(for: "match_point") == ("match_point", 60))
        #expect(settings.window(for: "mid_round") == ("default", 45))
        #expect(settings.window(for: nil) == ("default", 45))
        #expect(settings.window(for: "default") == ("default", 45))
    }

    @Test("ZoneConfiguration.validate checks the name and version too")
    func configuration() {
        let now = Timestamp(milliseconds: 0)
        #expect(throws: Never.self) { try ZoneConfiguration.defaultZone(at: now).validate() }
        let cases: [(ZoneConfiguration, String)] = [
            (ZoneConfiguration(name: "Bad", updatedAt: now), "name"),
            (ZoneConfiguration(name: "ok", version: 0, updatedAt: now), "version"),
            (ZoneConfiguration(name: "ok", settings: ZoneSettings(graceSeconds: 0), updatedAt: now), "grace_seconds"),
        ]
        for (configuration, field) in cases {
            #expect(throws: InvalidField.self) { try configuration.validate() }
            do { try configuration.validate() } catch { #expect(error.field == field) }
        }
    }
}
