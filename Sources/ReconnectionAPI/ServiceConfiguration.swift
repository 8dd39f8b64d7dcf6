/// How a ``ReconnectionService`` is set up: the daemon's flags and environment.
public struct ServiceConfiguration: Sendable {
    /// Where `zones.json`, `history.jsonl` and generated tokens live.
    public var stateDirectory: String
    /// The admin bearer token, when given by environment.
    public var adminToken: String?
    /// The server bearer token, when given by environment.
    public var serverToken: String?
    /// A file holding the admin token.
    public var adminTokenFile: String?
    /// A file holding the server token.
    public var serverTokenFile: String?
    /// Whether `/metrics` needs the admin token.
    public var metricsNeedAuth: Bool
    /// The deepest JSON nesting a request body may have; deeper is 400 `malformed_json`.
    public var maxJSONDepth: Int
    /// Failed redeems allowed per client address before 429 `too_many_failures`.
    public var failuresPerAddress: FailureLimit
    /// Failed redeems allowed per (zone, room, player) before 429 `too_many_failures`.
    public var failuresPerPlayer: FailureLimit

    /// A token bucket: `burst` failures at once, regaining `refillPerSecond` each second.
    public struct FailureLimit: Hashable, Sendable {
        /// How many failures the bucket holds.
        public var burst: Double
        /// How many it regains a second (more than 0).
        public var refillPerSecond: Double

        /// Creates a limit.
        public init(burst: Double, refillPerSecond: Double) {
            self.burst = burst
            self.refillPerSecond = refillPerSecond
        }
    }

    /// Creates a configuration.
    public init(
        stateDirectory: String = "./.reconnectd", adminToken: String? = nil, serverToken: String? = nil,
        adminTokenFile: String? = nil, serverTokenFile: String? = nil, metricsNeedAuth: Bool = false,
        maxJSONDepth: Int = 32,
        failuresPerAddress: FailureLimit = FailureLimit(burst: 100, refillPerSecond: 20),
        failuresPerPlayer: FailureLimit = FailureLimit(burst: 5, refillPerSecond: 0.2)
    ) {
        self.stateDirectory = stateDirectory
        self.adminToken = adminToken
        self.serverToken = serverToken
        self.adminTokenFile = adminTokenFile
        self.serverTokenFile = serverTokenFile
        self.metricsNeedAuth = metricsNeedAuth
        self.maxJSONDepth = maxJSONDepth
        self.failuresPerAddress = failuresPerAddress
        self.failuresPerPlayer = failuresPerPlayer
    }
}

/// Why the service could not start: one line naming the problem and the file.
public struct StartupError: Error, CustomStringConvertible {
    /// The line to print.
    public var message: String

    public var description: String { message }
}
