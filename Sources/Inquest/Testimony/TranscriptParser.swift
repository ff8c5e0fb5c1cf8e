import Foundation

/// One line of a transcript: when, who, what was said, and its translation if any.
public struct TranscriptLine: Sendable, Equatable {
    public var offsetSeconds: Double
    public var speaker: String
    public var text: String
    public var translation: String?
}

/// Reads the transcript text format:
///
///     # comments and blank lines are ignored
///     [00:02:46] INTERVIEWER: When did you last see your brother?
///     [00:02:51] WITNESS: در تابستان ۱۳۶۷
///     > In the summer of 1367 (1988).
///
/// Each segment is `[HH:MM:SS] SPEAKER: text` (seconds may have a fraction, `[MM:SS]` is
/// accepted too); a line starting with `>` is the translation of the segment above it.
/// Every malformed line is reported, with its number, and nothing is returned.
public enum TranscriptParser {
    public static func parse(_ text: String) throws -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        var problems: [String] = []
        var previousWasSegment = false  // a translation belongs to the line right above it
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix(">") {
                let translation = line.dropFirst().trimmingCharacters(in: .whitespaces)
                defer { previousWasSegment = false }
                if !previousWasSegment {
                    problems.append("line \(number): a translation (>) must follow a segment")
                } else if translation.isEmpty {
                    problems.append("line \(number): empty translation")
                } else {
                    lines[lines.count - 1].translation = translation
                }
                continue
            }
            switch segment(line) {
            case .success(let segment):
                lines.append(segment)
                previousWasSegment = true
            case .failure(let problem):
                problems.append("line \(number): \(problem.rule)")
                previousWasSegment = false
            }
        }
        if !problems.isEmpty {
            throw InquestError(.invalidInput, "transcript not imported:\n  " + problems.joined(separator: "\n  "),
                               field: "file", rule: "transcript-line-format")
        }
        if lines.isEmpty {
            throw InquestError(.invalidInput, "transcript not imported: no segments found", field: "file", rule: "transcript-line-format")
        }
        return lines
    }

    struct Problem: Error { var rule: String }

    static func segment(_ line: String) -> Result<TranscriptLine, Problem> {
        let expected = "expected \"[HH:MM:SS] SPEAKER: text\""
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return .failure(Problem(rule: expected)) }
        let stamp = line[line.index(after: line.startIndex)..<close]
        guard let offset = seconds(String(stamp)) else {
            return .failure(Problem(rule: "time offset \"\(stamp)\" is not HH:MM:SS or MM:SS with minutes and seconds below 60"))
        }
        let rest = line[line.index(after: close)...]
        guard let colon = rest.firstIndex(of: ":") else { return .failure(Problem(rule: "\(expected): no \"SPEAKER:\"")) }
        let speaker = rest[..<colon].trimmingCharacters(in: .whitespaces)
        let said = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !speaker.isEmpty else { return .failure(Problem(rule: "\(expected): empty speaker")) }
        guard !said.isEmpty else { return .failure(Problem(rule: "\(expected): empty text")) }
        return .success(TranscriptLine(offsetSeconds: offset, speaker: speaker, text: said, translation: nil))
    }

    /// `H…H:MM:SS[.fff]` or `M…M:SS[.fff]`: the leading unit has any number of digits, the
    /// ones after it exactly two, below 60.
    static func seconds(_ stamp: String) -> Double? {
        let parts = stamp.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let last = parts[parts.count - 1]
        let whole = last.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (text: Substring) in !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDigits(Substring(parts[0])), whole[0].count == 2, isDigits(whole[0]),
              whole.count == 1 || isDigits(whole[1]), let secondsValue = Double(last), secondsValue < 60,
              let leading = Int(parts[0])
        else { return nil }
        if parts.count == 3 {
            guard parts[1].count == 2, isDigits(Substring(parts[1])), let minutes = Int(parts[1]), minutes < 60 else { return nil }
            return Double(leading * 3600 + minutes * 60) + secondsValue
        }
        return Double(leading * 60) + secondsValue
    }
}
