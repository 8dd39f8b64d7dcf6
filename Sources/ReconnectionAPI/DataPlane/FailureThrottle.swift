import ReconnectionCore

/// Slows token guessing: failed redeems draw from token buckets per client address and per
/// (zone, room, player); when either is empty, the failure is answered 429 instead of 403.
/// Only failures draw, so a good token always redeems, however busy the buckets are.
///
/// Buckets live in fixed tables indexed by a keyed hash: memory stays bounded whatever keys an
/// attacker invents, at the price of unrelated keys sometimes sharing a bucket (conservative).
final class FailureThrottle: Sendable {
    typealias Limit = ServiceConfiguration.FailureLimit

    private let perAddress: BucketTable
    private let perPlayer: BucketTable

    init(perAddress: Limit, perPlayer: Limit) {
        self.perAddress = BucketTable(limit: perAddress)
        self.perPlayer = BucketTable(limit: perPlayer)
    }

    /// Charges one failure to both buckets.
    /// - Returns: `nil` when both had room; else whole seconds until they will (≥ 1).
    func charge(address: String, zone: String, room: String, player: String, at now: Timestamp) -> Int? {
        let seconds = Double(now.nanoseconds) / 1e9
        let waits = [perAddress.take(address, at: seconds), perPlayer.take([zone, room, player], at: seconds)].compactMap { $0 }
        return waits.max().map { max(1, Int($0.rounded(.up))) }
    }
}

/// A fixed table of token buckets behind striped locks.
private final class BucketTable: Sendable {
    private struct Bucket: Sendable {
        var tokens: Double
        var updated: Double
    }

    private static let stripes = 16
    private static let bucketsPerStripe = 256
    private let limit: FailureThrottle.Limit
    private let table: [Locked<[Bucket?]>]

    init(limit: FailureThrottle.Limit) {
        self.limit = limit
        table = (0..<Self.stripes).map { _ in Locked([Bucket?](repeating: nil, count: Self.bucketsPerStripe)) }
    }

    /// Takes one token for `key`; `nil` if there was one, else the seconds until there will be.
    func take(_ key: some Hashable, at now: Double) -> Double? {
        // Hasher is seeded per process, so an attacker cannot aim keys at one bucket.
        let slot = UInt(bitPattern: key.hashValue)
        let stripe = Int(slot % UInt(Self.stripes))
        let index = Int(slot / UInt(Self.stripes) % UInt(Self.bucketsPerStripe))
        return table[stripe].withLock { buckets -> Double? in
            var bucket = buckets[index] ?? Bucket(tokens: limit.burst, updated: now)
            bucket.tokens = min(limit.burst, bucket.tokens + max(0, now - bucket.updated) * limit.refillPerSecond)
            bucket.updated = now
            defer { buckets[index] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / limit.refillPerSecond }
            bucket.tokens -= 1
            return nil
        }
    }
}
