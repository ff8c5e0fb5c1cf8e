import Crypto
import Foundation

/// The SHA-256 and size of a file, as evidence intake and custody entries record them.
/// The file itself never enters the database.
public struct FileDigest: Sendable, Equatable {
    /// 64 lowercase hexadecimal digits, the form the schema checks (`is_sha256_hex`).
    public var sha256: String
    /// Bytes read, which are exactly the bytes hashed.
    public var size: Int64
    /// The file's last path component, kept as a reminder of what was hashed.
    public var name: String

    /// How much of the file is held in memory at once: large recordings are streamed.
    static let chunkSize = 1 << 20

    /// Reads the file once, in chunks, hashing as it goes.
    /// - Throws: `.invalidInput` (field `file`) when the path is missing, a directory or unreadable.
    public init(file path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw InquestError(.invalidInput, "file: \(path) does not exist or is not a regular file",
                               field: "file", rule: "file-readable")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = SHA256()
            var size: Int64 = 0
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += Int64(chunk.count)
            }
            sha256 = hasher.finalize().map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
            self.size = size
            name = url.lastPathComponent
        } catch {
            throw InquestError(.invalidInput, "file: \(path) cannot be read (\(error.localizedDescription))",
                               field: "file", rule: "file-readable")
        }
    }
}
