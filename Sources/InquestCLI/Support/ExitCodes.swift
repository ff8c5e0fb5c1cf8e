import ArgumentParser
import Foundation
import Inquest

/// The exit statuses scripts can rely on (documented in the README).
enum ExitStatus {
    static let failed: Int32 = 1            // a check found a problem (audit verify)
    static let usage: Int32 = 64            // bad arguments (swift-argument-parser's own)
    static let invalidInput: Int32 = 65     // input broke a rule
    static let notFound: Int32 = 66
    static let conflict: Int32 = 67
    static let unavailable: Int32 = 69      // database unreachable or login refused
    static let `internal`: Int32 = 70
    static let permissionDenied: Int32 = 77

    static func code(for error: InquestError) -> Int32 {
        switch error.code {
        case .invalidInput: invalidInput
        case .notFound: notFound
        case .conflict: conflict
        case .unavailable: unavailable
        case .permissionDenied: permissionDenied
        case .verificationFailed: failed
        default: `internal`
        }
    }
}

/// Runs a command body: service errors are printed as one line on stderr and turned into
/// the documented exit status; a command stopped by a signal exits with 128 + the signal.
/// Only the CLI prints.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        if let signal = Interrupts.signalReceived { throw ExitCode(Interrupts.report(signal)) }
        guard let error = error as? InquestError else { throw error }
        var line = "error: \(error.message)"
        if let field = error.field, !error.message.contains(field) { line += " [field: \(field)]" }
        if let rule = error.rule, !error.message.contains(rule) { line += " [rule: \(rule)]" }
        Output.writeError(line + "\n")
        throw ExitCode(ExitStatus.code(for: error))
    }
}
