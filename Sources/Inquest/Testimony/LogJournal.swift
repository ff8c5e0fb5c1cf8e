import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local journal of a live testimony log: every line is appended here, and forced to
/// disk (`fsync`), before it is sent to the database. A line the database has not
/// acknowledged (the connection dropped, the server restarted, the CLI was killed) is
/// replayed from here with the same idempotency key, so it is stored once and only once.
///
/// One JSON object per line (`TestimonyLog.Entry`, keys sorted). A line cut short by a crash
/// while it was being written (never acknowledged) is skipped on reading. The file is
/// locked (`flock`) while a log runs: a second `testimony log` of the same session on the
/// same machine is refused.
/// Sendable: `sync()` may run on another thread while the owner appends (fsync and write on
/// one descriptor are safe together); everything else is used by the owner only.
public final class LogJournal: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    /// Lines that could not be read back (a torn last line).
    public private(set) var unreadable = 0

    /// Where journals live: `$INQUEST_JOURNAL_DIR`, else `$XDG_STATE_HOME/inquest/journal`,
    /// else `~/.local/state/inquest/journal`.
    public static func defaultDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["INQUEST_JOURNAL_DIR"], !dir.isEmpty { return dir }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/inquest/journal" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/inquest/journal"
    }

    /// Opens (creating it, mode 0600, in a 0700 directory) the journal of `testimony` in the
    /// database identified by `database`.
    /// - Throws: `.unavailable` when the file cannot be opened, `.conflict` when another log
    ///   of the same session holds it.
    public init(directory: String, database: String, testimony: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw InquestError(.unavailable, "journal directory \(directory): cannot be created", field: "journal-dir")
        }
        let digest = SHA256.hash(data: Data(database.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        path = directory + "/" + digest + "-" + testimony + ".jsonl"
        descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw InquestError(.unavailable, "journal \(path): cannot be opened (\(String(cString: strerror(errno))))", field: "journal-dir")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw InquestError(.conflict, "journal \(path) is in use: testimony log \(testimony) is already running on this machine",
                               field: "testimony")
        }
    }

    deinit { close(descriptor) }

    /// Every entry in the journal, in the order written.
    public func entries() throws -> [TestimonyLog.Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InquestError(.unavailable, "journal \(path): cannot be read", field: "journal-dir")
        }
        let decoder = Self.decoder
        var entries: [TestimonyLog.Entry] = []
        var rejected: Set<UUID> = []
        unreadable = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let entry = try? decoder.decode(TestimonyLog.Entry.self, from: Data(line)) {
                entries.append(entry)
            } else if let marker = try? decoder.decode([String: UUID].self, from: Data(line)), let key = marker["rejected"] {
                rejected.insert(key)
            } else {
                unreadable += 1
            }
        }
        return entries.filter { !rejected.contains($0.key) }
    }

    /// Appends `entry` and forces it to disk before returning.
    public func append(_ entry: TestimonyLog.Entry) throws {
        try write(entry)
        try sync()
    }

    /// Appends `entry` without waiting for the disk: once this returns, the line is in the
    /// file (the kernel's page cache), which survives the death of this process; `sync()`
    /// makes it survive the machine's. The live log overlaps the two with the database
    /// round trip, and acknowledges a line only after both.
    public func write(_ entry: TestimonyLog.Entry) throws {
        var bytes = [UInt8](try Self.encoder.encode(entry))
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw InquestError(.unavailable, "journal \(path): write failed (\(String(cString: strerror(errno))))", field: "journal-dir")
            }
            offset += written
        }
    }

    /// Forces what was written to disk.
    public func sync() throws {
        guard fsync(descriptor) == 0 else {
            throw InquestError(.unavailable, "journal \(path): fsync failed (\(String(cString: strerror(errno))))", field: "journal-dir")
        }
    }

    /// Deletes the journal once the database holds every line of it: testimony should not
    /// stay on a laptop's disk longer than it must.
    public func remove() {
        unlink(path)
    }

    /// Records that the database refused `key` for good (bad input): it is not replayed.
    public func reject(_ key: UUID) throws {
        try appendBytes(Array("{\"rejected\":\"\(key.uuidString)\"}\n".utf8))
    }

    private func appendBytes(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw InquestError(.unavailable, "journal \(path): write failed (\(String(cString: strerror(errno))))", field: "journal-dir")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw InquestError(.unavailable, "journal \(path): fsync failed (\(String(cString: strerror(errno))))", field: "journal-dir")
        }
    }

    /// Starts the next entry on a line of its own if the file ends in the middle of one.
    public func repairTornEnd() throws {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return }
        var last: UInt8 = 0
        guard pread(descriptor, &last, 1, size - 1) == 1 else { return }
        if last != UInt8(ascii: "\n") {
            var newline = UInt8(ascii: "\n")
            _ = systemWrite(descriptor, &newline, 1)
            fsync(descriptor)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self))
        }
        return decoder
    }()
}

/// write(2), by a name the class's own `write(_:)` does not hide.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
