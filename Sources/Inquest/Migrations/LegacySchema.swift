/// The numbered schema files that Inquest shipped before the schema was squashed into
/// `Schema/0001_foundation.sql`, `Schema/0002_baseline.sql` and the object files of
/// `Schema/objects`: their versions, names and SHA-256 as recorded in
/// `inquest_migration.applied` by `inquest migrate`. Only the checksums are kept, not the
/// SQL: a database that has exactly these applied has exactly the tables of the baseline
/// (the upgrade test restores one and compares the catalogs), so `migrate` records the
/// baseline as applied and re-applies the object files.
public enum LegacySchema {
    public struct File: Sendable, Hashable {
        public let version: Int
        public let name: String
        public let checksum: String

        public init(version: Int, name: String, checksum: String) {
            self.version = version
            self.name = name
            self.checksum = checksum
        }
    }

    /// Schema/0001 to 0020 as of the squash (there never was a 0014).
    public static let files: [File] = [
        (1, "foundation", "bf833a3352d301967ef12f94e38ae7604beb7d5d10e0382c419559a29efd3a22"),
        (2, "access_audit", "76e7b3fc4a977af3f5894e8c70fd3810514658df7152c5cf4a0a5f6ce5837d0f"),
        (3, "records", "838e612d9e910c8aaf522594c53acafe58d77301dbc6b5a6677f675d9ea0ee45"),
        (4, "protected_identity", "d1ce7c551ba61004243dd75ec530cea6c9a130e5d1b2e2899a80441ab6fcf3e2"),
        (5, "name_search", "227f798f7823891e6ee70648404b3d3284404b8cef3de2c56e40276dd60efba5"),
        (6, "solar_hijri_dates", "5793b078b49153ec2dad974eecc4970a5565af7f52713826468b0cb13dbcc888"),
        (7, "merge_persons", "6419b1e6865e1d1f732c836c604938949f12ff2d6f1bec875a204861a2bbf634"),
        (8, "import", "4d682f267414c6e7c1485f3163e0bf0e3141bfe4963d5ed50a8b09da581a2b44"),
        (9, "fold_once", "72343f6d216bf19003b680d67b2385502b4780012fbf6ce732dd24474525de9c"),
        (10, "write_path", "6547f8368be05c0af6a1fee6e4e9073ef0fafd712ea6b3433af78aee34a8e8d1"),
        (11, "rls_side_channels", "09ab8e2524a33ea1b7bb3d065c71bbc41f27035bb1cf6ade048ad83038451079"),
        (12, "reveal_audit", "33448221d81bc4be49e1cb2565533834bdfe96e3dbbcbf99ac2a994a3f9af6d5"),
        (13, "sealer_and_sessions", "38067871bfc27696f25fb8396a413065beed17fa2d39f8b46d430137a1f89a7c"),
        (15, "replication", "9b0ad3a9925c7632568f943def87c3c98b1a7ee822c7496375fd530247790868"),
        (16, "merkle_tree", "0c5a1fd594d305b7e34306b7c46c384e4f5e5883effb4dc5fb403949059ed8c5"),
        (17, "testimony_log", "6f63d931a302eeab4c0dd7c7ab21980f63f75e77bdb5e5c479e057e750ede124"),
        (18, "names_and_dates", "b167c4b0ba4905744119cc6860d552bed621c63ff7d6c26caee3fe3380ff3395"),
        (19, "performance", "0fc47021b8dd4df5bc9269f293e2fecebbeabd9ceb3d9288b8877ed0f42010fe"),
        (20, "evidence_facts", "99052b0343a5b41d6208379b3040568ca3fde99c0dfa79191d38269386362024"),
    ].map { File(version: $0.0, name: $0.1, checksum: $0.2) }

    /// The schema version the baseline stands for: exports and status name it.
    public static var lastVersion: Int { files.map(\.version).max() ?? 0 }
}
