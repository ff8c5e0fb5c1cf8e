import ArgumentParser
import Foundation
import Inquest
import Postgres
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `inquest testimony log T-n`: a live, line-oriented session log.
struct TestimonyLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log testimony live: each line is committed at once (reads a terminal or a pipe).",
        discussion: """
            Each line becomes a transcript segment, committed at once and stamped with the session's own clock \
            ([HH:MM:SS], stopped while paused) and the wall-clock time. Lines go first to a local journal (fsync), \
            then to the database with an idempotency key: after a crash, a dropped connection or a server restart, \
            run the same command again to resume; what the database lacks is replayed, nothing is stored twice.

              Q: text              a segment by speaker Q (Q becomes the default speaker)
              text                 a segment by the default speaker
              > text               the translation of the previous segment
              /speaker Q Name      define speaker Q (or /speaker W P-5 for a person; D is the deponent)
              /exhibit E-12 [rel]  link evidence E-12 to the previous segment, the time as locator
              /fix [TS-n] [Q:] text   a new segment superseding the previous one (or TS-n)
              /pause  /resume      stop and restart the clock
              /adjourn             adjourn the session (run again to resume)
              /end                 end the session (marks it held)
              /help                this list

            A protected deponent appears under the pseudonym. Control characters are refused. \
            Journal directory: --journal-dir, else $INQUEST_JOURNAL_DIR, else $XDG_STATE_HOME/inquest/journal, \
            else ~/.local/state/inquest/journal.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session key (T-n).") var testimony: String
    @Option(help: "Directory of the local journal.", completion: .directory) var journalDir: String?

    /// The longest line accepted (bytes).
    static let maxLineBytes = 8 << 20

    func run() throws {
        try runReportingErrors {
            var logger = try LiveLogger(global: global, testimony: testimony,
                                        journalDirectory: journalDir ?? LogJournal.defaultDirectory())
            try logger.run()
        }
    }
}

/// The state of one run of `testimony log`.
struct LiveLogger {
    let global: GlobalOptions
    let testimony: String
    var session: Session
    var state: TestimonyLog.State
    let journal: LogJournal
    let interactive: Bool
    /// Lines journaled but not yet acknowledged by the database, oldest first.
    var pending: [TestimonyLog.Entry] = []
    var lineNumber = 0
    var rejectedLines = 0
    var lineCount = 0
    var syncing: (DispatchSemaphore, SyncFailure)?

    final class SyncFailure: @unchecked Sendable { var error: Error? }

    init(global: GlobalOptions, testimony: String, journalDirectory: String) throws {
        self.global = global
        self.testimony = testimony
        session = Session(connection: try global.connect(), sealing: .deferred)
        let (state, identity) = try session.read { transaction in
            (try TestimonyLog(transaction).open(testimony), try transaction.connection.query("""
                select current_database() || '@' || coalesce(host(inet_server_addr()), 'socket') || ':' || current_setting('port') as id
                """).first(where: { _ in true })?.decode(String.self, "id") ?? "unknown")
        }
        self.state = state
        journal = try LogJournal(directory: journalDirectory, database: identity, testimony: testimony)
        interactive = isatty(STDIN_FILENO) == 1
    }

    mutating func run() throws {
        try journal.repairTornEnd()
        // Replay what the journal holds and the database lacks.
        pending = try journal.entries().filter { !state.appliedKeys.contains($0.key) }
        if journal.unreadable > 0 {
            Output.writeError("journal: \(journal.unreadable) unreadable line(s) skipped (a line cut short by a crash is never acknowledged)\n")
        }
        if !pending.isEmpty {
            Output.writeError("replaying \(pending.count) line(s) from the journal \(journal.path)\n")
            try flush(patience: 30)
            // Lines journaled after an adjournment or the end of a previous run are applied as
            // they were typed; the state says where the session now stands.
        }
        if !state.started {
            try enter(TestimonyLog.Entry(kind: .start, enteredAt: Date(), offset: 0))
        } else if state.adjourned {
            try enter(TestimonyLog.Entry(kind: .resume, enteredAt: Date(), offset: state.offset()))
        }
        if state.ended {
            Output.writeError("session \(testimony) has ended\n")
            return
        }
        try Interrupts.withCleanup(Terminal.restoreCleanup) {
            // The terminal leaves canonical mode before the banner invites typing: a canonical
            // line keeps only 4096 bytes.
            let reader = LineReader(interactive: interactive)
            defer { reader.close() }  // the terminal's own modes come back, whatever happens
            banner()
            if interactive { prompt() }
            while let bytes = try reader.next() {
                lineNumber += 1
                if let done = try handle(bytes), done { break }
                if interactive { prompt() }
            }
        }
        try flush(patience: 60)
        _ = try? session.seal(wait: false)
        if !pending.isEmpty {
            Output.writeError("error: \(pending.count) line(s) could not reach the database; they are safe in the journal "
                + "\(journal.path): run `inquest testimony log \(testimony)` again to send them\n")
            throw ExitCode(ExitStatus.unavailable)
        }
        if !state.ended && !state.adjourned {
            Output.writeError("input ended: session \(testimony) stays open at [\(TestimonyLog.clock(state.offset()))]; "
                + "run the command again to resume, or /end to close it\n")
        }
        // Everything is in the database: the journal has done its work.
        journal.remove()
        if rejectedLines > 0 { throw ExitCode(ExitStatus.invalidInput) }
    }

    func banner() {
        let speakers = state.speakers.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.label)" }.joined(separator: ", ")
        Output.writeError("logging \(testimony) at [\(TestimonyLog.clock(state.offset()))]\(state.paused ? " (paused)" : "")"
            + (state.protectiveMeasures.isEmpty ? "" : "; protective measures: \(state.protectiveMeasures.joined(separator: ", "))")
            + "; speakers: \(speakers); /help for commands\n")
    }

    func prompt() {
        Output.write("[\(TestimonyLog.clock(state.offset()))\(state.paused ? " paused" : "")] \(state.defaultSpeaker ?? "")> ")
    }

    /// Handles one line. - Returns: true when the session is over (ended or adjourned).
    mutating func handle(_ bytes: [UInt8]) throws -> Bool? {
        func refuse(_ message: String) -> Bool? {
            rejectedLines += 1
            Output.writeError("error: line \(lineNumber): \(message); nothing stored\n")
            return nil
        }
        guard bytes.count <= TestimonyLogCommand.maxLineBytes else {
            return refuse("longer than \(TestimonyLogCommand.maxLineBytes >> 20) MiB (rule: line length)")
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            return refuse("not valid UTF-8 (rule: text is UTF-8)")
        }
        var line = decoded
        if line.hasSuffix("\r") { line.removeLast() }
        line = line.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return nil }
        if let bad = line.unicodeScalars.first(where: { $0 != "\t" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }) {
            return refuse("control character U+\(String(format: "%04X", bad.value)) is not allowed in testimony (rule: no control characters)")
        }
        let now = Date()
        var entry = TestimonyLog.Entry(kind: .segment, enteredAt: now, offset: state.offset(at: now))
        if line.hasPrefix("/") {
            let parts = line.dropFirst().split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            let command = parts.first.map(String.init) ?? ""
            let rest = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            switch command {
            case "help":
                Output.writeError(TestimonyLogCommand.configuration.discussion + "\n")
                return nil
            case "speaker":
                let words = rest.split(separator: " ", maxSplits: 1).map(String.init)
                guard words.count == 2, words[0].range(of: "^[A-Za-z0-9]{1,8}$", options: .regularExpression) != nil else {
                    return refuse("write /speaker SHORT Label (SHORT: 1 to 8 letters or digits) or /speaker SHORT P-n")
                }
                if words[0] == "D" { return refuse("D is the deponent and stays \(state.deponent)") }
                entry.kind = .speaker
                entry.speaker = words[0]
                if words[1].range(of: "^P-[0-9]+$", options: .regularExpression) != nil {
                    do {
                        let person = try session.read { transaction in try TestimonyLog(transaction).person(words[1], in: state) }
                        entry.label = person.label
                        entry.person = words[1]
                        entry.personID = person.personID
                    } catch let error as InquestError { return refuse(error.message) }
                } else {
                    entry.label = words[1]
                }
            case "pause":
                guard state.running else { return refuse("the clock is not running") }
                entry.kind = .pause
            case "resume":
                guard state.paused else { return refuse("the session is not paused") }
                entry.kind = .resume
            case "adjourn":
                entry.kind = .adjourn
            case "end":
                entry.kind = .end
            case "exhibit":
                let words = rest.split(separator: " ").map(String.init)
                guard (1...2).contains(words.count), words[0].range(of: "^E-[0-9]+$", options: .regularExpression) != nil else {
                    return refuse("write /exhibit E-n [relation] (relation: mentions, corroborates, contradicts)")
                }
                guard let target = state.lastSegmentLine else { return refuse("no segment yet to link the exhibit to") }
                entry.kind = .exhibit
                entry.evidence = words[0]
                entry.relation = words.count > 1 ? words[1] : "mentions"
                entry.target = target
            case "fix":
                var text = rest
                if let first = text.split(separator: " ", maxSplits: 1).first,
                   first.range(of: "^TS-[0-9]+$", options: .regularExpression) != nil {
                    entry.targetSegment = String(first)
                    text = String(text.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
                } else {
                    guard let target = state.lastSegmentLine else { return refuse("no segment yet to correct") }
                    entry.target = target
                }
                guard assignSpeaker(&entry, text) else { return refuse("no speaker: start with a speaker's short name (Q: …)") }
                guard !(entry.text ?? "").isEmpty else { return refuse("write /fix [TS-n] [Q:] corrected text") }
                entry.kind = .correction
            default:
                return refuse("unknown command /\(command) (/help lists them)")
            }
        } else if line.hasPrefix(">") {
            guard let target = state.lastSegmentLine else { return refuse("a translation (>) must follow a segment") }
            let text = line.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return refuse("empty translation") }
            entry.kind = .translation
            entry.text = text
            entry.target = target
        } else {
            guard assignSpeaker(&entry, line) else {
                return refuse("no speaker yet: start the line with a speaker's short name (D: … for the deponent; /speaker to add one)")
            }
        }
        if [.segment, .correction, .translation, .exhibit].contains(entry.kind) && !state.running {
            return refuse(state.paused ? "the session is paused: /resume first" : "the session is not running")
        }
        try enter(entry)
        return entry.kind == .end || entry.kind == .adjourn
    }

    /// Splits `Q: text` into speaker and text when Q is a defined speaker; else the default speaker.
    func assignSpeaker(_ entry: inout TestimonyLog.Entry, _ text: String) -> Bool {
        if let colon = text.firstIndex(of: ":") {
            let name = String(text[..<colon])
            if let speaker = state.speakers[name] {
                entry.speaker = name
                entry.label = speaker.label
                entry.text = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                return true
            }
        }
        guard let name = state.defaultSpeaker, let speaker = state.speakers[name] else { return false }
        entry.speaker = name
        entry.label = speaker.label
        entry.text = text
        return true
    }

    /// Journals `entry`, then sends everything pending. The journal's fsync runs while the
    /// database works; a line is acknowledged only once it is both on disk and committed.
    mutating func enter(_ entry: TestimonyLog.Entry) throws {
        try journal.write(entry)
        let synced = DispatchSemaphore(value: 0)
        let failure = SyncFailure()
        let journal = self.journal
        DispatchQueue.global().async {
            do { try journal.sync() } catch { failure.error = error }
            synced.signal()
        }
        syncing = (synced, failure)
        pending.append(entry)
        // Fold at once so that the next line sees this one (its speaker, its target), even
        // while the database is away; the database applies them in the same order.
        state.fold(entry, segmentKey: nil)
        try flush(patience: 3)
        try waitForJournal()
        lineCount += 1
        // Sealing is deferred (one seal per 100 lines and at the end, not one per line): the
        // events are append-only from the moment they are written either way.
        if lineCount % 100 == 0 { _ = try? session.seal(wait: false) }
    }

    /// Waits for the journal's last fsync. - Throws: when it failed (nothing is acknowledged
    /// that is not on disk).
    mutating func waitForJournal() throws {
        guard let (semaphore, failure) = syncing else { return }
        semaphore.wait()
        syncing = nil
        if let error = failure.error { throw error }
    }

    /// Sends pending lines in order. On a lost connection, reconnects for up to `patience`
    /// seconds; lines that still cannot go stay pending (and in the journal).
    mutating func flush(patience: TimeInterval) throws {
        var reconnectDeadline: Date?
        while let entry = pending.first {
            do {
                let applied = try session.write { transaction in try TestimonyLog(transaction).apply(entry, to: state) }
                pending.removeFirst()
                if !state.appliedKeys.contains(entry.key) { state.fold(entry, segmentKey: applied.segmentKey) }
                if entry.key == state.lastSegmentLine, let key = applied.segmentKey { state.lastSegmentKey = key }
                acknowledge(entry, applied)
            } catch let error as InquestError where error.code == .unavailable && Interrupts.signalReceived == nil {
                let deadline = reconnectDeadline ?? Date().addingTimeInterval(patience)
                reconnectDeadline = deadline
                if !reconnect(until: deadline) {
                    Output.writeError("database unavailable (\(error.message)): \(pending.count) line(s) kept in the journal; "
                        + "they are sent with the next line, or when you run the command again\n")
                    return
                }
            } catch let error as InquestError where Interrupts.signalReceived == nil {
                pending.removeFirst()
                try journal.reject(entry.key)
                rejectedLines += 1
                Output.writeError("error: \(error.message); nothing stored\n")
                // The local state took the line in already: rebuild it from the database.
                if let fresh = try? session.read({ transaction in try TestimonyLog(transaction).open(testimony) }) { state = fresh }
            }
        }
    }

    /// Opens a new connection, retrying until `deadline`.
    mutating func reconnect(until deadline: Date) -> Bool {
        var wait = 0.1
        repeat {
            if let connection = try? global.connect() {
                session = Session(connection: connection, sealing: .deferred)
                Output.writeError("reconnected to the database\n")
                return true
            }
            Thread.sleep(forTimeInterval: min(wait, max(0, deadline.timeIntervalSinceNow)))
            wait = min(wait * 2, 2)
        } while Date() < deadline
        return false
    }

    mutating func acknowledge(_ entry: TestimonyLog.Entry, _ applied: TestimonyLog.Applied) {
        try? waitForJournal()
        let at = "[\(TestimonyLog.clock(entry.offset))]"
        let again = applied.duplicate ? " (already stored)" : ""
        let wall = entry.enteredAt.formatted(.iso8601)
        let text: String
        switch entry.kind {
        case .segment, .correction:
            let body = entry.text ?? ""
            let preview = body.count > 200 ? String(body.prefix(200)) + "… (\(body.utf8.count) bytes)" : body
            text = "\(applied.segmentKey ?? "?") \(at) \(wall) \(entry.label ?? ""): \(preview)"
                + (entry.kind == .correction ? " (supersedes \(entry.targetSegment ?? "previous segment"))" : "")
        case .translation: text = "\(applied.segmentKey ?? "?") translation"
        case .exhibit: text = "\(applied.linkKey ?? "?") \(entry.evidence ?? "") -> \(applied.segmentKey ?? "?") \(at)"
        case .speaker: text = "speaker \(entry.speaker ?? "") = \(entry.label ?? "")"
        default: text = "\(entry.kind.rawValue) \(at) \(wall)"
        }
        Output.write("ok \(text)\(again)\n")
    }
}

/// Reads raw lines (bytes, without the line end) from standard input. On a terminal it
/// edits the line itself (non-canonical mode: the kernel's canonical mode cuts a line at
/// 4096 bytes, and a pasted passage can be much longer): backspace, Ctrl-U, Ctrl-D on an
/// empty line ends. What it echoes goes through `TerminalText`.
final class LineReader {
    let interactive: Bool
    private var buffer: [UInt8] = []
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(interactive: Bool) {
        self.interactive = interactive
        if interactive { Terminal.enterLineMode() }
    }

    func close() { if interactive { Terminal.restore() } }

    func next() throws -> [UInt8]? {
        interactive ? try nextEdited() : try nextPiped()
    }

    private func fill() throws -> Int {
        while true {
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw InquestError(.unavailable, "standard input: read failed", field: "input") }
            return count
        }
    }

    private func nextPiped() throws -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if atEnd {
                if buffer.isEmpty { return nil }
                defer { buffer = [] }
                return buffer
            }
            let count = try fill()
            if count == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[..<count]) }
        }
    }

    private var pendingEcho: [UInt8] = []
    private var input: [UInt8] = []
    private var inputIndex = 0

    private func nextEdited() throws -> [UInt8]? {
        var line: [UInt8] = []
        var echo: [UInt8] = []
        while true {
            if inputIndex >= input.count {
                writeEcho(&echo)
                let count = try fill()
                if count == 0 { return line.isEmpty ? nil : line }
                input = Array(chunk[..<count])
                inputIndex = 0
            }
            let byte = input[inputIndex]
            inputIndex += 1
            switch byte {
            case 0x0A, 0x0D:
                // Bytes after the line end (a paste of several lines) stay for the next call.
                writeEcho(&echo)
                Output.writeExact("\r\n")
                return line
            case 0x7F, 0x08:
                var removed = false
                while let last = line.popLast() {
                    removed = true
                    if last & 0xC0 != 0x80 { break }
                }
                if removed {
                    writeEcho(&echo)
                    Output.writeExact("\u{8} \u{8}")
                }
            case 0x15:
                line.removeAll()
                echo.removeAll()
                Output.writeExact("\r\u{1B}[K")
            case 0x04:
                if line.isEmpty { writeEcho(&echo); return nil }
            default:
                line.append(byte)
                echo.append(byte)
            }
        }
    }

    /// Echoes typed bytes, escaped by `TerminalText`: complete UTF-8 sequences only (a
    /// sequence split between two reads waits for its end).
    private func writeEcho(_ bytes: inout [UInt8]) {
        pendingEcho.append(contentsOf: bytes)
        bytes.removeAll()
        var end = pendingEcho.count
        var back = 0
        while back < 3 && end - back - 1 >= 0 {
            let byte = pendingEcho[end - back - 1]
            if byte & 0xC0 == 0x80 { back += 1; continue }
            if byte >= 0xC0 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if back + 1 < length { end -= back + 1 }
            }
            break
        }
        guard end > 0 else { return }
        let ready = String(decoding: pendingEcho[..<end], as: UTF8.self)
        pendingEcho.removeFirst(end)
        Output.writeExact(TerminalText.escaped(ready, .lines))
    }
}

/// The terminal's settings while a live log edits lines itself.
enum Terminal {
    nonisolated(unsafe) private static var saved: termios?

    static func enterLineMode() {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        saved = settings
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    static func restore() {
        guard var settings = saved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    static let restoreCleanup: @Sendable () -> Void = { restore() }
}
