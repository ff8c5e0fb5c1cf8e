/// The schema's value lists, each written once here: the service layer's friendly checks,
/// the import column help and the CLI's argument parsing and help all read these enums.
/// The schema's named checks stay the guard; `ValueListTests` compares every enum with
/// the check it mirrors in a freshly migrated database, so the two cannot drift apart.

/// A list of values one text column accepts, mirroring the schema check named `rule`.
public protocol ValueList: RawRepresentable, CaseIterable, Sendable, Codable, Hashable
where RawValue == String, AllCases == [Self] {
    /// The schema's rule (check constraint) that holds the same list.
    static var rule: String { get }
    /// The column the list is for, as messages name it.
    static var field: String { get }
}

extension ValueList {
    /// The accepted values, in the schema's order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The accepted values for a help text: `a, b or c`.
    public static var choices: String {
        let names = names
        guard names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }

    /// Refuses a value outside the list, naming the field, the rule and the accepted values.
    /// - Throws: `.invalidInput`; nothing for nil.
    public static func check(_ value: String?, field: String = Self.field) throws {
        guard let value, Self(rawValue: value) == nil else { return }
        throw refusal(of: value, named: field)
    }

    /// The error for a value outside the list; the message names the field as `name` (a
    /// command-line option, say), or as the list's field.
    public static func refusal(of value: String, named name: String? = nil) -> InquestError {
        InquestError(.invalidInput, "\(name ?? field): \"\(value)\" is not one of \(names.joined(separator: ", "))",
                     field: field, rule: rule)
    }
}

// MARK: Cases and people

/// `case_status_valid`
public enum CaseStatus: String, ValueList {
    case open, closed
    public static let rule = "case_status_valid", field = "status"
}

/// `person_sex_valid`
public enum PersonSex: String, ValueList {
    case female, male, other
    public static let rule = "person_sex_valid", field = "sex"
}

/// `person_role_role_valid`: what a person is to the case.
public enum PersonRole: String, ValueList {
    case toBeSummoned = "to_be_summoned", witness, victim, relative, source, official
    case allegedPerpetrator = "alleged_perpetrator", other
    public static let rule = "person_role_role_valid", field = "role"
}

/// `person_name_kind_valid`: exactly one primary (or, for a protected person, pseudonym).
public enum NameKind: String, ValueList {
    case primary, alias, transliteration, sourceSpelling = "source_spelling", pseudonym
    public static let rule = "person_name_kind_valid", field = "kind"
}

/// `person_name_script_valid`
public enum NameScript: String, ValueList {
    case latin, persian, arabic, other
    public static let rule = "person_name_script_valid", field = "script"
}

/// The Inquest groups a user can belong to (`inquest_private.role_group`, rule
/// `user_role_kind`); `cleared` is a clearance rather than a role.
public enum UserRole: String, ValueList {
    case admin, investigator, auditor, cleared
    public static let rule = "user_role_kind", field = "role"
}

// MARK: Summonses, disclosures, testimony

/// `summons_status_valid`; the moves between them are the schema's state machine.
public enum SummonsStatus: String, ValueList {
    case draft, issued, served, appeared, declined, failedToAppear = "failed_to_appear", withdrawn
    public static let rule = "summons_status_valid", field = "status"
}

/// `summons_service_method_valid`
public enum ServiceMethod: String, ValueList {
    case inPerson = "in_person", registeredPost = "registered_post", email, diplomaticChannel = "diplomatic_channel"
    case throughCounsel = "through_counsel", publicNotice = "public_notice", other
    public static let rule = "summons_service_method_valid", field = "service_method"
}

/// `summons_immunity_valid`
public enum Immunity: String, ValueList {
    case none, claimed, waiverRequested = "waiver_requested", waived, waiverRefused = "waiver_refused"
    public static let rule = "summons_immunity_valid", field = "immunity"
}

/// `disclosure_request_topic_valid`
public enum DisclosureTopic: String, ValueList {
    case knewWhatWhen = "knew_what_when", instructionsReceived = "instructions_received", whoInstructed = "who_instructed"
    case reportsToCapital = "reports_to_capital", responsesReceived = "responses_received", other
    public static let rule = "disclosure_request_topic_valid", field = "topic"
}

/// `disclosure_request_status_valid`
public enum DisclosureStatus: String, ValueList {
    case open, partiallyAnswered = "partially_answered", answered, refused, withdrawn
    public static let rule = "disclosure_request_status_valid", field = "status"
}

/// `disclosure_response_received_via_valid`
public enum ResponseChannel: String, ValueList {
    case letter, email, inPerson = "in_person", testimony, counsel, publicStatement = "public_statement", other
    public static let rule = "disclosure_response_received_via_valid", field = "received_via"
}

/// `testimony_session_mode_valid`
public enum TestimonyMode: String, ValueList {
    case inPerson = "in_person", remote
    public static let rule = "testimony_session_mode_valid", field = "mode"
}

/// `testimony_session_status_valid`
public enum TestimonyStatus: String, ValueList {
    case scheduled, held, adjourned, cancelled
    public static let rule = "testimony_session_status_valid", field = "status"
}

/// `testimony_log_line_kind_valid`: the lines of a live testimony log.
public enum TestimonyLogLineKind: String, ValueList {
    case start, speaker, segment, translation, correction, exhibit, pause, resume, adjourn, end
    public static let rule = "testimony_log_line_kind_valid", field = "kind"
}

/// `correspondence_direction_valid`
public enum CorrespondenceDirection: String, ValueList {
    case sent, received
    public static let rule = "correspondence_direction_valid", field = "direction"
}

// MARK: Evidence and links

/// `evidence_kind_valid`
public enum EvidenceKind: String, ValueList {
    case unDocument = "un_document", ngoReport = "ngo_report", newsArticle = "news_article", letter, broadcast
    case interviewTranscript = "interview_transcript", recording, diary, other
    public static let rule = "evidence_kind_valid", field = "kind"
}

/// `custody_entry_action_valid`; `received` and `transferred` need both parties.
public enum CustodyAction: String, ValueList {
    case received, collected, copied, transferred, examined, hashed, sealed, returned, other
    public static let rule = "custody_entry_action_valid", field = "action"

    /// Whether the entry must name who handed the item over and who took it.
    public var needsParties: Bool { self == .received || self == .transferred }
}

/// `evidence_fact_kind_valid`: the dates a source states about itself.
public enum EvidenceFactKind: String, ValueList {
    case written, published, received, broadcast, filed, signed, other
    public static let rule = "evidence_fact_kind_valid", field = "kind"
}

/// `evidence_link_relation_valid`
public enum LinkRelation: String, ValueList {
    case mentions, corroborates, contradicts, notified, authored, addressedTo = "addressed_to", participated
    public static let rule = "evidence_link_relation_valid", field = "relation"

    /// Whether the relation joins evidence to a person only.
    public var needsPerson: Bool { [.notified, .authored, .addressedTo, .participated].contains(self) }
}

// MARK: Chronology

/// `event_kind_valid`
public enum EventKind: String, ValueList {
    case meeting, reportIssued = "report_issued", resolution, broadcast, interview, letter, article, execution, other
    public static let rule = "event_kind_valid", field = "kind"
}

/// `event_participant_role_valid`
public enum ParticipantRole: String, ValueList {
    case attendee, speaker, author, sender, addressee, recipient, interviewer, interviewee, organiser, subject, other
    public static let rule = "event_participant_role_valid", field = "role"
}

/// `statement_medium_valid`
public enum StatementMedium: String, ValueList {
    case meeting, speech, interview, broadcast, press, letter, document, diary, testimony, other
    public static let rule = "statement_medium_valid", field = "medium"
}

/// `statement_classification_valid` (a statement has one or more).
public enum StatementClassification: String, ValueList {
    case denial, misinformation, acknowledgement, other
    public static let rule = "statement_classification_valid", field = "classification"
}

/// `statement_wording_valid`
public enum StatementWording: String, ValueList {
    case verbatim, paraphrase
    public static let rule = "statement_wording_valid", field = "wording"
}
