import ReconnectionCore

#if canImport(Glibc)
import Glibc
#endif

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

    fileprivate struct History: Sendable {
        var entries: [String: [HistoryEntry]] = [:]
        /// Where the last complete line of `history.jsonl` ends, when a crash left a torn tail.
        var tornTailAt: Int?
        /// The zone and offset of the last complete line, to drop it if it was never committed.
        var lastLine: (zone: String, start: Int)?
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
        var history = try store.readHistory()
        history.dropUncommittedLastLine(given: zones ?? [])
        var deleted: [String: Int] = [:]
        let live = Set(zones?.map(\.name) ?? [])
        for (name, entries) in history.entries where !live.contains(name) {
            deleted[name] = entries.last?.change.version
        }
        store.history.withLock { $0 = history }
        return (store, Loaded(zones: zones ?? [], deletedVersions: deleted, isFirstStart: zones == nil))
    }

    /// Makes a change durable, or leaves the files as they were. The new `zones.json` is
    /// written and synced aside, the history line appended and synced, and only then is the new
    /// file renamed over the old: the rename is the commit. A failure before it undoes the
    /// append; a crash before it leaves a history line that ``open(directory:)`` drops.
    /// - Parameter zones: every zone as it is after the change.
    func record(_ entry: HistoryEntry, zones: [ZoneConfiguration]) throws(StorageError) {
        var json = JSONWriter(capacity: 256 * zones.count + 16)
        json.object { json in
            json.key("zones")
            json.array { json in zones.forEach { ZoneCoding.write($0, into: &json) } }
        }
        var line = JSONWriter()
        entry.write(into: &line, namingZone: true)
        let temporary = zonesPath + ".tmp"
        try history.withLock { (history) throws(StorageError) in
            // A temporary file that could not be written is left for the next attempt to truncate.
            try DurableFile.writeSynced(temporary, json.bytes + [UInt8(ascii: "\n")])
            let start: Int
            do throws(StorageError) {
                start = try DurableFile.append(historyPath, line.bytes + [UInt8(ascii: "\n")], truncatingTo: history.tornTailAt)
            } catch {
                unlink(temporary)
                throw error
            }
            history.tornTailAt = nil
            do throws(StorageError) {
                try DurableFile.commit(temporary, to: zonesPath)
            } catch {
                // Not committed, so the history line goes too.
                try? DurableFile.truncate(historyPath, to: start)
                unlink(temporary)
                throw error
            }
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
                history.lastLine = (entry.change.zone, start)
            } catch {
                throw StorageError(corrupt: "\(historyPath) line \(lineNumber)", error.detail)
            }
            start = end + 1
        }
        return history
    }
}

extension ZoneStore.History {
    /// A crash between appending a change's line and renaming `zones.json` (the commit) leaves
    /// a last line that `zones.json` does not reflect: it was never acknowledged, so it goes.
    mutating func dropUncommittedLastLine(given zones: [ZoneConfiguration]) {
        guard let (zone, start) = lastLine, let entry = entries[zone]?.last else { return }
        let current = zones.first { $0.name == zone }
        let committed = entry.change.action == .delete ? current == nil : current?.version == entry.change.version
        guard !committed else { return }
        entries[zone]!.removeLast()
        if entries[zone]!.isEmpty { entries[zone] = nil }
        tornTailAt = start
        lastLine = nil
    }
}

extension StorageError {
    init(corrupt path: String, _ detail: String) {
        self.init(description: "corrupt state file \(path): \(detail)")
    }
}
