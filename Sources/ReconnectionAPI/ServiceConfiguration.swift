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

    /// Creates a configuration.
    public init(
        stateDirectory: String = "./.reconnectd", adminToken: String? = nil, serverToken: String? = nil,
        adminTokenFile: String? = nil, serverTokenFile: String? = nil, metricsNeedAuth: Bool = false
    ) {
        self.stateDirectory = stateDirectory
        self.adminToken = adminToken
        self.serverToken = serverToken
        self.adminTokenFile = adminTokenFile
        self.serverTokenFile = serverTokenFile
        self.metricsNeedAuth = metricsNeedAuth
    }
}

/// Why the service could not start: one line naming the problem and the file.
public struct StartupError: Error, CustomStringConvertible {
    /// The line to print.
    public var message: String

    public var description: String { message }
}
