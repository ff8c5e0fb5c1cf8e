import ArgumentParser
import Inquest

extension UserCommand {
    struct Limits: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "limits",
            abstract: "Show or change users' session limits (statement, idle-in-transaction and lock timeouts).",
            discussion: """
                Without a limit option, shows the limits of USER (or of every user). With one, changes USER's \
                limits in this database, from their next login. A value is a whole number and a unit \
                (ms, s, min, h) from 1s to 24h, or "default". Users get 5min, 10min and 1min when created. \
                A user can still change their own: the limits guard against accidents, not against a hostile user.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name (required to change limits).") var name: String?
        @Option(help: "Longest a statement may run, such as 5min.") var statementTimeout: String?
        @Option(help: "Longest a transaction may sit idle before its session ends, such as 10min.") var idleTimeout: String?
        @Option(help: "Longest a statement waits for a lock, such as 1min.") var lockTimeout: String?

        var limits: Users.Limits {
            Users.Limits(statementTimeout: statementTimeout, idleInTransactionTimeout: idleTimeout, lockTimeout: lockTimeout)
        }

        func validate() throws {
            if !limits.isEmpty && name == nil { throw ValidationError("give the user whose limits to change") }
        }

        func run() throws {
            try global.run { session in
                let shown = try session.write { transaction in
                    let users = Users(transaction)
                    if let name, !limits.isEmpty {
                        try users.setLimits(name, limits)
                    }
                    return try users.limits(of: name)
                }
                Output.print(shown, as: global.format)
            }
        }
    }
}
