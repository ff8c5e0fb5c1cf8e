import Foundation

/// How to reach the server. Everything left `nil` falls back to libpq's own defaults,
/// so `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSERVICE`, `PGSSLMODE`, `~/.pgpass`
/// and `~/.pg_service.conf` work exactly as they do for `psql`.
public struct ConnectionConfiguration: Sendable {
    /// A `postgresql://` URL or a `key=value` conninfo string. Default: none (libpq defaults).
    /// It may hold a password, so it is never logged or printed.
    public var conninfo: String?
    /// Shown in `pg_stat_activity`. Default: none (libpq's default, or `PGAPPNAME`).
    public var applicationName: String?
    /// Seconds to wait for the server when neither the conninfo nor `PGCONNECT_TIMEOUT`
    /// says otherwise; libpq itself would wait forever. Default: 10.
    public var connectTimeoutSeconds: Int

    public init(conninfo: String? = nil, applicationName: String? = nil, connectTimeoutSeconds: Int = 10) {
        self.conninfo = conninfo
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }
}

extension ConnectionConfiguration {
    /// The configuration from the environment: `INQUEST_DATABASE_URL` if set, otherwise the
    /// standard libpq variables (read by libpq itself).
    public static func fromEnvironment(_ environment: [String: String]) -> ConnectionConfiguration {
        ConnectionConfiguration(conninfo: environment["INQUEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The configuration from this process's environment.
    public static func fromEnvironment() -> ConnectionConfiguration {
        fromEnvironment(environmentVariables("INQUEST_DATABASE_URL"))
    }
}

/// The named variables of this process's environment, those that are set. `getenv`, not
/// `ProcessInfo.processInfo.environment`, which copies the whole environment into a
/// dictionary (about 2% of a CLI command's start, once for each of its two readers).
func environmentVariables(_ names: String...) -> [String: String] {
    var found: [String: String] = [:]
    for name in names {
        if let value = getenv(name) { found[name] = String(cString: value) }
    }
    return found
}
