import Foundation
import Postgres
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Someone holds a lock; the CLI's write waits on it; the CLI is killed (Ctrl-C, `kill`,
/// `timeout`). Its statement must not stay behind on the server, still waiting, to run
/// (and hold its own locks) once the lock is released.
@Suite("A signal to the CLI cancels its statement on the server")
struct CancelCommandTests {
    let cli: CLI
    let person: String

    init() throws {
        cli = CLI(database: try TestDatabase())
        #expect(try cli.owner(["case", "create", "IR-1988", "--title", "Cover-up of the 1988 prison massacres"]).status == 0)
        person = try cli.owner(["person", "add", "--case", "IR-1988", "--name", "Ebrahim Raeisi"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("SIGTERM and SIGINT: the CLI exits 143 / 130 and leaves no statement running", arguments: [
        (SIGTERM, Int32(143)), (SIGINT, Int32(130)),
    ])
    func signalCancelsStatement(signal: Int32, status: Int32) throws {
        let observer = try cli.database.superuser()
        let locker = try cli.database.superuser()
        try locker.executeScript("begin")
        try locker.query("select 1 from inquest.person where key = $1 for update", [person])

        let (process, _, _) = try start(["person", "update", person, "--description", "written while blocked",
                                      "--allow-superuser", "--database-url", cli.database.conninfo])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // The CLI's backend, waiting for our row lock.
        var backend: Int?
        let blocked = waitUntil(seconds: 60) {
            backend = try? observer.query("""
                select pid from pg_stat_activity
                where datname = current_database() and application_name = 'inquest' and wait_event_type = 'Lock'
                """).first?.decode(Int.self, "pid")
            return backend != nil
        }
        try #require(blocked, "the CLI's update never waited on the lock")

        kill(process.processIdentifier, signal)
        let exited = waitUntil(seconds: 30) { !process.isRunning }
        try #require(exited, "the CLI did not exit within 30 s of the signal")
        process.waitUntilExit()  // settles terminationReason and terminationStatus
        #expect(process.terminationReason == .exit, "killed by the signal instead of exiting")
        #expect(process.terminationStatus == status)

        // While we still hold the lock, the statement must be gone, not waiting to run.
        let gone = waitUntil(seconds: 30) {
            let active = try? observer.query("select count(*) as n from pg_stat_activity where pid = $1 and state = 'active'",
                                             [backend!]).first?.decode(Int.self, "n")
            return active == 0
        }
        #expect(gone, "backend \(backend!) still runs the CLI's statement after the CLI exited")
        try locker.executeScript("commit")
        let description = try observer.query("select description from inquest.person where key = $1", [person])
            .first?.text(0)
        #expect(description == nil, "the interrupted update was written")
    }

    @Test("a signal with no statement running exits at once with 128 + signal")
    func signalWhileIdle() throws {
        let observer = try cli.database.superuser()
        // Connections of the binary (the observer's own also says "inquest", libpq's fallback name).
        let sessions = """
            select count(*) as n from pg_stat_activity
            where datname = current_database() and application_name = 'inquest' and pid <> pg_backend_pid()
            """
        // The backends of init's commands linger a moment after their clients exit.
        try #require(waitUntil(seconds: 60) { (try? observer.query(sessions).first?.decode(Int.self, "n")) == 0 })
        // `user add` waits for the password on standard input, with its connection open.
        let (process, input, log) = try start(["user", "add", TestEnvironment.uniqueName("idle"), "--role", "auditor",
                                               "--allow-superuser", "--database-url", cli.database.conninfo])
        defer { try? input.fileHandleForWriting.close() }
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let connected = waitUntil(seconds: 60) { (try? observer.query(sessions).first?.decode(Int.self, "n")) == 1 }
        try #require(connected, "the CLI never connected; it printed: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGTERM)
        // Well within Interrupts.patience (10 s): nothing to cancel, nothing to wait for.
        let exited = waitUntil(seconds: 8) { !process.isRunning }
        try #require(exited, "the CLI did not exit after SIGTERM")
        process.waitUntilExit()  // settles terminationReason and terminationStatus
        #expect(process.terminationReason == .exit && process.terminationStatus == 143,
                "status \(process.terminationStatus): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    /// Starts the binary without waiting; its output goes nowhere, its standard error to a
    /// file, its standard input is a pipe left open (a prompt waits on it).
    func start(_ arguments: [String]) throws -> (Process, Pipe, stderr: URL) {
        let process = Process()
        process.executableURL = TestEnvironment.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let log = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("stderr") + ".txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        let input = Pipe()
        process.standardInput = input
        // A child inherits the signal mask of the thread that spawns it, and the test
        // runner's threads block most signals: a user's shell does not. Spawn with none
        // blocked, as a shell would, so that the signal reaches the binary as it would there.
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
        return (process, input, log)
    }
}

