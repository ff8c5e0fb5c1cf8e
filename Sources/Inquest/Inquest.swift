/// The service layer of Inquest: typed commands and queries over the PostgreSQL schema.
public enum Inquest {
    /// The release version, printed by `inquest --version`.
    public static let version = "0.1.0"
}
