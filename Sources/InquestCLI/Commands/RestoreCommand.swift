import ArgumentParser
import Foundation
import Inquest

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Load a case exported by `inquest export` back, with its keys, times and states (admins).",
        discussion: "Each file is checked against the manifest's SHA-256 and count; all or nothing, in one transaction. The database must not hold the case already (nor records with its ids): restore into a new database. Investigators must be assigned again. Every restored record is audited as an insert.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The export directory (with manifest.json).", completion: .directory) var directory: String

    func run() throws {
        try global.run { session in
            Output.print(try session.write { transaction in try CaseRestore(transaction).restore(from: URL(fileURLWithPath: directory)) }, as: global.format)
        }
    }
}
