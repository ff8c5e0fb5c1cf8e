import ArgumentParser
import Foundation
import Inquest

/// A schema value list as a command-line value: help lists the accepted values, and the
/// parser refuses any other the way the CLI refuses bad input everywhere else: exit 65,
/// the message naming the field, the accepted values and the schema's rule.
public protocol ValueListArgument: ValueList, ExpressibleByArgument {}

extension ValueListArgument {
    public init?(argument: String) {
        guard let value = Self(rawValue: argument) else {
            ValueListRefusal.record(Self.self, argument)
            return nil
        }
        self = value
    }

    // As `OutputFormat`: the values spelled out, not found by reflection at every start.
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    public static var allValueDescriptions: [String: String] { [:] }
    public var defaultValueDescription: String { rawValue }
}

extension CaseStatus: ValueListArgument {}
extension PersonSex: ValueListArgument {}
extension PersonRole: ValueListArgument {}
extension NameKind: ValueListArgument {}
extension NameScript: ValueListArgument {}
extension UserRole: ValueListArgument {}
extension SummonsStatus: ValueListArgument {}
extension ServiceMethod: ValueListArgument {}
extension Immunity: ValueListArgument {}
extension DisclosureTopic: ValueListArgument {}
extension DisclosureStatus: ValueListArgument {}
extension ResponseChannel: ValueListArgument {}
extension TestimonyMode: ValueListArgument {}
extension TestimonyStatus: ValueListArgument {}
extension CorrespondenceDirection: ValueListArgument {}
extension EvidenceKind: ValueListArgument {}
extension CustodyAction: ValueListArgument {}
extension EvidenceFactKind: ValueListArgument {}
extension LinkRelation: ValueListArgument {}
extension EventKind: ValueListArgument {}
extension ParticipantRole: ValueListArgument {}
extension StatementMedium: ValueListArgument {}
extension StatementClassification: ValueListArgument {}
extension StatementWording: ValueListArgument {}

/// The value the parser last refused for a value list. `init?(argument:)` can only say
/// no; this keeps what it knew (which list, which value) for `InquestCommand.main`.
enum ValueListRefusal {
    /// Parsing runs once, on the main thread, before any command does anything.
    nonisolated(unsafe) private static var last: (value: String, refusal: (String?) -> InquestError)?

    static func record<List: ValueList>(_ list: List.Type, _ value: String) {
        last = (value, { List.refusal(of: value, named: $0) })
    }

    /// The exit status for a parse error caused by a refused value-list value, after
    /// reporting it as `runReportingErrors` reports bad input, naming the option as typed
    /// (`--role`), or the list's field for an argument; nil for any other error.
    static func exitStatus(for error: Error) -> Int32? {
        let parserMessage = InquestCommand.message(for: error)
        guard let (value, refusal) = last, InquestCommand.exitCode(for: error) == .validationFailure,
              parserMessage.contains("'\(value)'") else { return nil }
        let option = parserMessage.firstMatch(of: /invalid for '(--[a-z0-9-]+)/).map { String($0.output.1) }
        do {
            try runReportingErrors { throw refusal(option) }
        } catch let code as ExitCode {
            return code.rawValue
        } catch {}
        return nil
    }
}
