import ArgumentParser
import Inquest

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Inquest users (PostgreSQL login roles): add, list, grant, revoke, disable (admins).",
        discussion: "Passwords are read from the terminal (echo off) or the first line of standard input, never from the command line, and reach the server only as a SCRAM verifier.",
        subcommands: [Add.self, List.self, Grant.self, Revoke.self, Disable.self, Enable.self, Password.self, Limits.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a user with a role; prompts for the password.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name: lower-case letters, digits and _, starting with a letter.") var name: String
        @Option(help: "Role.") var role: UserRole
        @Flag(help: "Clear the user to see protected identities in the cases they are assigned to.") var cleared = false

        func run() throws {
            try global.run { session in
                let password = try readSecret(prompt: "Password for \(name): ")
                try session.write { transaction in try Users(transaction).add(name, role: role.rawValue, cleared: cleared, password: password) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users, their roles and clearance.")
        @OptionGroup var global: GlobalOptions
        func run() throws { try global.run { session in Output.print(try session.read { transaction in try Users(transaction).list() }, as: global.format) } }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant", abstract: "Give a user another role (or clearance).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Argument(help: "Role.") var role: UserRole
        func run() throws { try global.run { session in try session.write { transaction in try Users(transaction).grant(name, role: role.rawValue) } } }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Take a role (or clearance) from a user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        @Argument(help: "Role.") var role: UserRole
        func run() throws { try global.run { session in try session.write { transaction in try Users(transaction).revoke(name, role: role.rawValue) } } }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Remove a user's login; their history stays.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        func run() throws { try global.run { session in try session.write { transaction in try Users(transaction).disable(name) } } }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Give a disabled user their login back.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        func run() throws { try global.run { session in try session.write { transaction in try Users(transaction).enable(name) } } }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Set a user's password; prompts for it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User name.") var name: String
        func run() throws {
            try global.run { session in
                try session.write { transaction in try Users(transaction).setPassword(name, password: try readSecret(prompt: "New password for \(name): ")) }
            }
        }
    }
}
