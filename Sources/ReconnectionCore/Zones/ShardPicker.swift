/// Picks the shard of a name (a zone, a room) with FNV-1a over its bytes.
///
/// A few instructions a byte, where `Hasher` (SipHash) costs a hundred or more a call, and
/// this runs on every request. Only the choice of lock depends on it: the dictionaries inside
/// each shard still hash with `Hasher`, so names chosen to collide can crowd one shard's lock,
/// never slow a lookup down.
enum ShardPicker {
    /// The shard of `name` among `shardCount` (a power of two).
    static func index(of name: String, shardCount: Int) -> Int {
        let hash = name.utf8.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(Array(name.utf8))
        // The low bits of FNV-1a mix the last bytes poorly; fold the high half in.
        return Int(truncatingIfNeeded: (hash ^ (hash >> 32)) & UInt64(shardCount - 1))
    }

    private static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
