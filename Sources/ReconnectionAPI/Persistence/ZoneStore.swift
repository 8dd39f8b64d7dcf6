import ReconnectionCore

/// The durable side of zones: `zones.json` (every zone, as `GET /v1/zones` shows them) and
/// `history.jsonl` (one accepted change per line) in the state directory.
final class ZoneStore: Sendable {
    /// What the state directory held at start.
    struct Loaded {
        var zones: [ZoneConfiguration]
        /// The last version of each zone that history shows deleted.
        var deletedVersions: [String: Int]
        var isFirstStart: Bool
    }

    private struct History: Sendable {
        var entries: [String: [HistoryEntry]] = [:]
        /// Where the last complete line of `history.jsonl` ends, when a crash left a torn tail.
        var tornTailAt: Int?
    }

    let zonesPath: String
    let historyPath: String
    private let history: Locked<History>

    private init(directory: String, history: History) {
        zonesPath = directory + "/zones.json"
        historyPath = directory + "/history.jsonl"
        self.history = Locked(history)
    }

    /// Reads the state directory, creating it if needed.
    /// - Throws: ``StorageError`` naming the file that is unreadable or corrupt (left untouched).
    static func open(directory: String) throws(StorageError) -> (ZoneStore, Loaded) {
        try DurableFile.makeDirectory(directory)
        let store = ZoneStore(directory: directory, history: History())
        let zones = try store.readZones()
        let history = try store.readHistory()
        var deleted: [String: Int] = [:]
        let live = Set(zones?.map(\.name) ?? [])
        for (name, entries) in history.entries where !live.contains(name) {
            deleted[name] = entries.last?.change.version
        }
        store.history.withLock { $0 = history }
        return (store, Loaded(zones: zones ?? [], deletedVersions: deleted, isFirstStart: zones == nil))
    }

    /// Makes a change durable: `zones.json` replaced whole, then the history line appended.
    /// - Parameter zones: every zone as it is after the change.
    func record(_ entry: HistoryEntry, zones: [ZoneConfiguration]) throws(StorageError) {
        var json = JSONWriter(capacity: 256 * zones.count + 16)
        json.object { json in
            json.key("zones")
            json.array { json in zones.forEach { ZoneCoding.write($0, into: &json) } }
        }
        try DurableFile.replace(zonesPath, with: json.bytes + [UInt8(ascii: "\n")])
        var line = JSONWriter()
        entry.write(into: &line, namingZone: true)
        try history.withLock { (history) throws(StorageError) in
            try DurableFile.append(historyPath, line.bytes + [UInt8(ascii: "\n")], truncatingTo: history.tornTailAt)
            history.tornTailAt = nil
            history.entries[entry.change.zone, default: []].append(entry)
        }
    }

    /// A zone's changes, newest first; `nil` if it never had one.
    func history(of zone: String, limit: Int) -> [HistoryEntry]? {
        history.withLock { history in history.entries[zone].map { Array($0.suffix(limit).reversed()) } }
    }

    private func readZones() throws(StorageError) -> [ZoneConfiguration]? {
        guard let bytes = try DurableFile.read(zonesPath) else { return nil }
        do throws(Problem) {
            let reader = try FieldReader.body(bytes, allowed: ["zones"])
            guard let zones = try reader.array("zones") else { throw Problem.invalidField("zones", "is required") }
            return try zones.map { (zone) throws(Problem) in try ZoneCoding.configuration(from: zone) }
        } catch {
            throw StorageError(corrupt: zonesPath, error.detail)
        }
    }

    private func readHistory() throws(StorageError) -> History {
        var history = History()
        guard let bytes = try DurableFile.read(historyPath) else { return history }
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                // A crash mid-append leaves a line without its newline; it was never acknowledged.
                history.tornTailAt = start
                break
            }
            lineNumber += 1
            do throws(Problem) {
                let entry = try HistoryEntry(FieldReader.parse(Array(bytes[start..<end])))
                history.entries[entry.change.zone, default: []].append(entry)
            } catch {
                throw StorageError(corrupt: "\(historyPath) line \(lineNumber)", error.detail)
            }
            start = end + 1
        }
        return history
    }
}

extension StorageError {
    init(corrupt path: String, _ detail: String) {
        self.init(description: "corrupt state file \(path): \(detail)")
    }
}
