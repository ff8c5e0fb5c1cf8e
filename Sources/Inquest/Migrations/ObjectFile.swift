import Crypto
import Foundation

/// One object file of `Schema/objects` (functions, views, triggers, policies, event
/// triggers): re-applied on every `inquest migrate`, in the order of
/// `Schema/objects/order.txt`. Not checksum-guarded: editing one is how a function changes.
public struct ObjectFile: Sendable {
    public enum Group: String, Sendable {
        /// What tables need while they are created (pure functions of defaults, generated
        /// columns, checks and indexes; the enrolment event trigger): applied right after
        /// the foundation (0001) and before every other numbered file.
        case early
        /// Everything else: applied after every pending numbered file.
        case late
    }

    public let group: Group
    /// The path under `Schema/objects`, such as `audit/seal.sql`.
    public let path: String
    public let sql: String

    public init(group: Group, path: String, sql: String) {
        self.group = group
        self.path = path
        self.sql = sql
    }

    /// The object files compiled into this binary, in their declared order.
    public static let embedded: [ObjectFile] = EmbeddedSchema.objects.map { file in
        // The plugin wrote these from files it read and checked; a failure here is a build defect.
        ObjectFile(group: Group(rawValue: file.group)!, path: file.path,
                   sql: String(data: Data(base64Encoded: file.base64)!, encoding: .utf8)!)
    }
}
