import Crypto
import Foundation

/// One numbered schema file, such as `0002_access_audit.sql`.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String
    /// Hex SHA-256 of the file's bytes: an applied file must never change.
    public let checksum: String

    public init(fileName: String, contents: Data) throws {
        let stem = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
        guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
            throw InquestError(.invalidInput, "schema file \(fileName): name must be NNNN_description.sql", field: "file")
        }
        guard let sql = String(data: contents, encoding: .utf8) else {
            throw InquestError(.invalidInput, "schema file \(fileName): not UTF-8", field: "file")
        }
        self.version = version
        self.name = String(stem[stem.index(after: underscore)...])
        self.sql = sql
        self.checksum = SHA256.hash(data: contents).map { String(format: "%02x", $0) }.joined()
    }

    /// The numbered file that makes the schemas, extensions and roles: the early object
    /// files (`ObjectFile.Group.early`) are applied right after it.
    public static let foundationVersion = 1

    /// The last numbered file of the baseline (`0002_baseline.sql`): what a database
    /// migrated by the legacy files already has.
    public static let baselineVersion = 2

    /// The schema version of this binary: its newest numbered file, or the legacy version
    /// its baseline stands for (exports record it).
    public static var schemaVersion: Int { max(embedded.map(\.version).max() ?? 0, LegacySchema.lastVersion) }

    /// The schema files compiled into this binary, in order.
    public static let embedded: [Migration] = EmbeddedSchema.files.map { file in
        // The plugin wrote these from files it read; a failure here is a build defect.
        try! Migration(fileName: file.name, contents: Data(base64Encoded: file.base64)!)
    }
}
