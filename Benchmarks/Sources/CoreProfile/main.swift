// The core's work alone in a process, without the benchmark library (no malloc interposer),
// for instruction counts and memory:
//   valgrind --tool=callgrind .build-bench-pkg/release/CoreProfile pairs 200000
//   CoreProfile footprint 1000000
// Modes:
//   pairs N        disconnect + redeem pairs, a 1 s window, the clock 1 ms per 1,000 pairs,
//                  a sweep every 100 ms of it (as the `pairs, 1 thread` benchmark)
//   pairs-hot N    the same with the clock 1,000 times faster: ~1,000 tombstones live instead of
//                  ~1,000,000, so the difference from `pairs` is what cache misses cost
//   footprint N    N pending sessions, ten players a room: heap and RSS bytes per session
import CHeapStats
import ReconnectionCore

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "pairs"
let count = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000

/// Ids as the daemon's JSON parser makes them: small strings, stored inline.
func compact(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 128)
    guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
    let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

let clock = ManualClock()
let core = Reconnector(clock: clock)
try core.putZone(named: "bench", settings: ZoneSettings(graceSeconds: 1, maxPendingSessions: 10_000_000))
let rooms = (0..<max(1, count / 10)).map { compact("r-\($0)") }
let players = (0..<16).map { compact("p-\($0)") }

switch mode {
case "pairs", "pairs-hot":
    let step = mode == "pairs" ? 0.001 : 1.0
    let pairRooms = Array(rooms.prefix(4096))
    for index in 0..<count {
        let room = pairRooms[index % pairRooms.count]
        let player = players[(index / pairRooms.count) % players.count]
        let receipt = try core.disconnect(zone: "bench", room: room, player: player)
        let back = try core.redeem(zone: "bench", room: room, player: player, token: receipt.token.text)
        precondition(back.player == player)
        if index % 1000 == 999 {
            clock.advance(seconds: step)
            if mode == "pairs-hot" || index % 100_000 == 99_999 { core.sweep() }
        }
    }
    print("\(mode) \(count): done, \(core.tokenRecordCount) token records")
case "footprint":
    try core.putZone(named: "bench", settings: ZoneSettings(graceSeconds: 3600, maxPendingSessions: 10_000_000))
    let heap = Int(cheapstats_heap_in_use())
    let rss = residentBytes()
    for index in 0..<count {
        _ = try core.disconnect(zone: "bench", room: rooms[index % rooms.count], player: players[index / rooms.count % players.count])
    }
    let pending = Int(core.statistics(zone: "bench")!.activeSessions)
    precondition(pending == count)
    print("footprint \(count) pending: heap \((Int(cheapstats_heap_in_use()) - heap) / pending) B, RSS \((residentBytes() - rss) / pending) B per session")
default:
    fatalError("unknown mode \(mode)")
}
