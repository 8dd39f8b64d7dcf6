import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Where the bearer tokens come from: the environment, else a file named by a flag, else a
/// token generated on first start into the state directory (mode 0600). Never logged.
enum CredentialSource {
    static func load(_ configuration: ServiceConfiguration, logger: Logger) throws(StorageError) -> Credentials {
        let admin = try token(
            "admin", given: configuration.adminToken, file: configuration.adminTokenFile,
            directory: configuration.stateDirectory, logger: logger)
        let server = try token(
            "server", given: configuration.serverToken, file: configuration.serverTokenFile,
            directory: configuration.stateDirectory, logger: logger)
        return Credentials(admin: admin, server: server)
    }

    private static func token(
        _ name: String, given: String?, file: String?, directory: String, logger: Logger
    ) throws(StorageError) -> String {
        if let given, !given.isEmpty { return given }
        if let file {
            guard let token = try read(file) else { throw StorageError(description: "token file \(file) does not exist") }
            return token
        }
        let path = "\(directory)/\(name).token"
        if let token = try read(path) {
            logger.info("using generated \(name) token", metadata: ["file": "\(path)"])
            return token
        }
        let token = generate()
        try DurableFile.replace(path, with: Array((token + "\n").utf8))
        logger.notice("generated the \(name) token", metadata: ["file": "\(path)"])
        return token
    }

    /// The file's first line, trimmed; `nil` if it does not exist.
    private static func read(_ path: String) throws(StorageError) -> String? {
        guard let bytes = try DurableFile.read(path) else { return nil }
        let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        let token = String(line.trimmingSpaces)
        guard !token.isEmpty else { throw StorageError(description: "token file \(path) is empty") }
        return token
    }

    /// 32 random bytes from the system CSPRNG, base64url without padding.
    private static func generate() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                output.append(alphabet[(buffer >> bits) & 0x3F])
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (6 - bits)) & 0x3F]) }
        return String(decoding: output, as: UTF8.self)
    }
}
