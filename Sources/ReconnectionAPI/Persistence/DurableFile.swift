#if canImport(Glibc)
import Glibc
#endif

/// A file operation that failed; the message names the file and the system's reason.
struct StorageError: Error, CustomStringConvertible {
    var description: String

    init(_ action: String, _ path: String, errno code: Int32 = errno) {
        description = "\(action) \(path): \(String(cString: strerror(code)))"
    }

    init(description: String) {
        self.description = description
    }
}

/// File writes that are durable before they return, so an acknowledged change survives a crash.
enum DurableFile {
    /// Replaces `path` whole: a crash at any instant leaves the old file or the new, never a torn one.
    static func replace(_ path: String, with bytes: [UInt8]) throws(StorageError) {
        let temporary = path + ".tmp"
        try write(temporary, bytes, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try commit(temporary, to: path)
    }

    /// Renames a synced `temporary` over `path` and syncs the directory: the commit point of
    /// ``replace(_:with:)``, also used on its own when something must be durable first.
    static func commit(_ temporary: String, to path: String) throws(StorageError) {
        guard rename(temporary, path) == 0 else { throw StorageError("cannot rename to", path) }
        try syncDirectory(of: path)
    }

    /// Writes `bytes` to a new (or truncated) file and syncs it.
    static func writeSynced(_ path: String, _ bytes: [UInt8]) throws(StorageError) {
        try write(path, bytes, flags: O_WRONLY | O_CREAT | O_TRUNC)
    }

    /// Appends `bytes` to `path` and syncs it. On failure the file is cut back to where it
    /// was, so a half-written line never stays behind.
    /// - Parameter length: where the file's valid content ends (cuts a torn tail first).
    /// - Returns: where the appended bytes start, for ``truncate(_:to:)`` if a later step fails.
    @discardableResult
    static func append(_ path: String, _ bytes: [UInt8], truncatingTo length: Int? = nil) throws(StorageError) -> Int {
        if let length { try truncate(path, to: length) }
        let existed = access(path, F_OK) == 0
        var status = stat()
        let start = stat(path, &status) == 0 ? Int(status.st_size) : 0
        do {
            try write(path, bytes, flags: O_WRONLY | O_CREAT | O_APPEND)
            if !existed { try syncDirectory(of: path) }
        } catch {
            try? truncate(path, to: start)
            throw error
        }
        return start
    }

    /// Cuts `path` to `length` bytes (nothing to do if it does not exist).
    static func truncate(_ path: String, to length: Int) throws(StorageError) {
        if Glibc.truncate(path, off_t(length)) != 0 && errno != ENOENT { throw StorageError("cannot truncate", path) }
    }

    /// The file's bytes, or `nil` if it does not exist.
    static func read(_ path: String) throws(StorageError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StorageError("cannot open", path)
        }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return contents }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError("cannot read", path)
            }
            contents.append(contentsOf: chunk[0..<count])
        }
    }

    /// Creates `path` as a directory (mode 0700) unless it exists.
    static func makeDirectory(_ path: String) throws(StorageError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw StorageError("cannot create directory", path) }
    }

    private static func write(_ path: String, _ bytes: [UInt8], flags: Int32) throws(StorageError) {
        let fd = open(path, flags | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StorageError("cannot open", path) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw StorageError("cannot write", path, errno: code)
            }
            written += count
        }
        guard fsync(fd) == 0 else {
            let code = errno
            close(fd)
            throw StorageError("cannot sync", path, errno: code)
        }
        close(fd)
    }

    private static func syncDirectory(of path: String) throws(StorageError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StorageError("cannot open directory", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StorageError("cannot sync directory", directory) }
    }
}
