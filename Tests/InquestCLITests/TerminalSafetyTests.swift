import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stored text that tries to take over the terminal of whoever reads it: an investigator
/// types it into a free-text field, an auditor later runs `person show` or `audit show`.
@Suite("Terminal control sequences in stored text are shown escaped, never acted on")
struct TerminalSafetyTests {
    /// Retitles the window, clears the screen, turns text red, hides text with a bidi
    /// override (U+202E … U+202C) and an isolate, a C1 CSI (U+009B), DEL, a tab and a
    /// carriage return that would overwrite the line; and a Persian word whose ZWNJ
    /// (U+200C) is correct spelling and must survive.
    static let hostile = "\u{202E}fdp.exe\u{202C} \u{1B}[2J\u{1B}]0;owned\u{07} Mallory \u{1B}[31mred\u{1B}[0m "
        + "\u{2066}x\u{2069} \u{9B}31m\u{7F} a\tb\rforged\nsecond line خانه\u{200C}ها"

    /// What a terminal acts on, or hides: none of it may reach a human-readable output raw.
    static let forbidden: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{9B}", "\u{7F}", "\u{202E}", "\u{202C}", "\u{2066}",
                                              "\u{2069}", "\r"]

    static func expectNoRawControls(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = text.unicodeScalars.filter { forbidden.contains($0) }.map { String($0.value, radix: 16) }
        #expect(raw.isEmpty, "\(what) printed raw control or bidi characters: \(raw)", sourceLocation: sourceLocation)
    }

    /// The escaped forms the user sees instead (one documented form: `\u{HEX}`).
    static func expectEscapedForms(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for form in [#"\u{1B}]0;owned\u{7}"#, #"\u{1B}[2J"#, #"\u{202E}fdp.exe\u{202C}"#, #"\u{9B}31m\u{7F}"#, "خانه\u{200C}ها"] {
            #expect(text.contains(form), "\(what) does not show \(form)", sourceLocation: sourceLocation)
        }
    }

    let cli: CLI
    let person: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        // A free-text field, which no display-name rule restricts.
        let added = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Sirous Nasseri", "--description", Self.hostile])
        #expect(added.status == 0, "\(added.stderr)")
        person = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("person show as a table escapes every control and bidi character, and keeps ZWNJ")
    func table() throws {
        let shown = try cli.owner(["person", "show", person])
        #expect(shown.status == 0, "\(shown.stderr)")
        Self.expectNoRawControls(shown.stdout, "person show")
        Self.expectEscapedForms(shown.stdout, "person show")
        // The value stays on its own line of the field/value view: a tab or newline in it
        // does not break the table.
        let line = shown.stdout.split(separator: "\n").first { $0.hasPrefix("description") }
        #expect(line?.contains("a\\u{9}b") == true && line?.contains("forged ⏎ second line") == true, "\(line ?? "")")
    }

    @Test("a list (transcript show) and audit show escape stored text too")
    func listAndAudit() throws {
        let session = try cli.owner(["testimony", "schedule", "--deponent", person]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let file = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("hostile") + ".txt")
        // One transcript line: the file format splits at LF, so the hostile text goes in without it.
        let said = Self.hostile.replacingOccurrences(of: "\n", with: " ")
        try "[00:00:05] WITNESS: \(said)\n".write(to: file, atomically: true, encoding: .utf8)
        let added = try cli.owner(["testimony", "transcript", "add", session, "--file", file.path])
        #expect(added.status == 0, "\(added.stderr)")
        let transcript = try cli.owner(["testimony", "transcript", "show", session])
        #expect(transcript.status == 0, "\(transcript.stderr)")
        Self.expectNoRawControls(transcript.stdout, "transcript show")
        // Lists clip long cells: the start of the value is what shows.
        #expect(transcript.stdout.contains(#"\u{202E}fdp.exe\u{202C} \u{1B}[2J"#), "\(transcript.stdout)")

        // The audit event of the person's insert carries the description among its values.
        let log = try CLI.json(try cli.owner(["audit", "log", "--table", "person", "--format", "json"])) as? [[String: Any]]
        let seq = try #require(log?.first { $0["record_key"] as? String == person }?["seq"] as? Int)
        let audit = try cli.owner(["audit", "show", String(seq)])
        #expect(audit.status == 0, "\(audit.stderr)")
        Self.expectNoRawControls(audit.stdout, "audit show")
        #expect(audit.stdout.contains(#"\u{202E}fdp.exe\u{202C} \u{1B}[2J"#), "\(audit.stdout)")
    }

    @Test("JSON keeps the exact value; CSV to a pipe is exact, CSV on a terminal is escaped")
    func exactFormats() throws {
        let json = try CLI.json(try cli.owner(["person", "show", person, "--format", "json"])) as? [String: Any]
        #expect((json?["person"] as? [String: Any])?["description"] as? String == Self.hostile)

        let piped = try cli.owner(["person", "show", person, "--format", "csv"])
        #expect(piped.status == 0)
        #expect(piped.stdout.contains(Self.hostile), "CSV to a pipe must be exact")

        let terminal = try runOnTerminal(["person", "show", person, "--format", "csv", "--allow-superuser",
                                          "--database-url", cli.database.conninfo])
        #expect(terminal.status == 0, "\(terminal.output)")
        // CSV ends its records with CR LF, harmless on a terminal; any other CR is not.
        Self.expectNoRawControls(terminal.output.replacingOccurrences(of: "\r\n", with: "\n"), "csv on a terminal")
        Self.expectEscapedForms(terminal.output, "csv on a terminal")
    }

    @Test("an error message that echoes its input escapes it, from the service layer and from argument parsing")
    func errors() throws {
        let missing = try cli.owner(["person", "show", "P-404\u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}"])
        #expect(missing.status == 66)
        Self.expectNoRawControls(missing.stderr, "not-found error")
        #expect(missing.stderr.contains(#"P-404\u{1B}]0;owned\u{7}\u{1B}[2J\u{202E}"#), "\(missing.stderr)")

        // validate() echoes the argument; so does the parser for an unknown option.
        let kind = try cli.owner(["import", "persons\u{1B}[2J", "/dev/null", "--case", "IR-1988"])
        #expect(kind.status == 64)
        Self.expectNoRawControls(kind.stderr, "validation error")
        #expect(kind.stderr.contains(#"persons\u{1B}[2J"#), "\(kind.stderr)")
        let option = try cli.owner(["case", "list", "--\u{1B}]0;owned\u{07}"])
        #expect(option.status == 64)
        Self.expectNoRawControls(option.stderr, "unknown-option error")
        #expect(option.stderr.contains(#"\u{1B}]0;owned\u{7}"#), "\(option.stderr)")
    }

    /// Runs the binary with its standard output on a pseudo-terminal (stderr and stdin on
    /// pipes), as a person at a terminal would see it.
    func runOnTerminal(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var master: Int32 = -1, slave: Int32 = -1
        try #require(openpty(&master, &slave, nil, nil, nil) == 0)
        let reading = master
        // No output processing: the test sees the bytes the program wrote (no LF to CR LF).
        var settings = termios()
        tcgetattr(slave, &settings)
        settings.c_oflag &= ~tcflag_t(OPOST)
        tcsetattr(slave, TCSANOW, &settings)
        let process = Process()
        process.executableURL = TestEnvironment.binary
        process.arguments = arguments
        process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = Pipe()
        process.standardInput = Pipe()
        // Read while it runs: a full terminal buffer would block the child.
        nonisolated(unsafe) var output = Data()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(reading, &buffer, buffer.count)
                if count <= 0 { break }  // EIO once the child and we have closed the slave
                output.append(contentsOf: buffer[..<count])
            }
            done.signal()
        }
        try process.run()
        process.waitUntilExit()
        close(slave)  // the reader then sees EIO once it has read everything
        let finished = done.wait(timeout: .now() + 30)
        close(master)
        try #require(finished == .success, "the terminal reader did not finish")
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
