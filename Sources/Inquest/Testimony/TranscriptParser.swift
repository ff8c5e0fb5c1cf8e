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

    static func seconds(_ stamp: String) -> Double? {
        let parts = stamp.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts.dropLast().allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              let last = Double(parts[parts.count - 1]), last >= 0, last < 60, parts[parts.count - 1].first?.isNumber == true
        else { return nil }
        let whole = parts.dropLast().compactMap { Int($0) }
        if parts.count == 3 {
            guard whole[1] < 60 else { return nil }
            return Double(whole[0] * 3600 + whole[1] * 60) + last
        }
        return Double(whole[0] * 60) + last
    }
}
