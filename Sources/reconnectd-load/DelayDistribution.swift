/// How long a player stays away before reconnecting, as `--reconnect-delay` spells it:
/// `fixed:S`, `uniform:A-B` or `exp:MEAN` (seconds; exponential draws are capped at 10 means
/// so that a run ends in bounded time), or `never`: players stay away, their sessions pending
/// (to fill a daemon for a memory figure).
enum DelayDistribution: Equatable, CustomStringConvertible {
    case never
    case fixed(Double)
    case uniform(Double, Double)
    case exponential(mean: Double)

    /// Parses the flag's value; `nil` when it is not one of the three forms.
    init?(_ text: String) {
        if text == "never" {
            self = .never
            return
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "fixed":
            guard let seconds = Double(parts[1]), seconds >= 0 else { return nil }
            self = .fixed(seconds)
        case "uniform":
            let bounds = parts[1].split(separator: "-").compactMap { Double($0) }
            guard bounds.count == 2, bounds[0] >= 0, bounds[0] <= bounds[1] else { return nil }
            self = .uniform(bounds[0], bounds[1])
        case "exp":
            guard let mean = Double(parts[1]), mean > 0 else { return nil }
            self = .exponential(mean: mean)
        default:
            return nil
        }
    }

    /// The longest delay a draw can give, in seconds (0 for `never`: nobody comes back).
    var maximum: Double {
        switch self {
        case .never: 0
        case .fixed(let seconds): seconds
        case .uniform(_, let upper): upper
        case .exponential(let mean): 10 * mean
        }
    }

    /// One delay, in seconds; infinite for `never`.
    func draw(using random: inout SplitMix64) -> Double {
        switch self {
        case .never:
            return .infinity
        case .fixed(let seconds):
            return seconds
        case .uniform(let lower, let upper):
            return lower + (upper - lower) * random.unit()
        case .exponential(let mean):
            return min(-mean * log1p(-random.unit()), maximum)
        }
    }

    var description: String {
        switch self {
        case .never: "never"
        case .fixed(let seconds): "fixed:\(seconds)"
        case .uniform(let lower, let upper): "uniform:\(lower)-\(upper)"
        case .exponential(let mean): "exp:\(mean)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, fast, seeded generator: each worker has its own, so runs can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
