import Foundation
import Testing
import TestSupport

@Suite("inquest migrate and the CLI skeleton")
struct MigrateCommandTests {
    @Test("a copy of the binary in an empty directory migrates a fresh database")
    func binaryAlone() throws {
        let database = try TestDatabase(empty: true)
        let directory = FileManager.default.temporaryDirectory.appending(path: TestEnvironment.uniqueName("alone"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appending(path: "inquest")
        try FileManager.default.copyItem(at: TestEnvironment.binary, to: copy)
        let run = try runInquest(["migrate", "--allow-superuser", "--database-url", database.conninfo],
                                 executable: copy, directory: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("applied 0001_foundation"))
        let status = try runInquest(["migrate", "--status", "--format", "json", "--allow-superuser",
                                     "--database-url", database.conninfo], executable: copy, directory: directory)
        let rows = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.isEmpty == false)
        #expect(rows?.allSatisfy { $0["state"] as? String == "applied" } == true)
        let again = try runInquest(["migrate", "--allow-superuser", "--database-url", database.conninfo],
                                   executable: copy, directory: directory)
        #expect(again.stdout == "schema is up to date\n")
    }

    @Test("a superuser is refused without --allow-superuser (exit 77)")
    func superuserRefused() throws {
        let database = try TestDatabase(empty: true)
        let run = try runInquest(["migrate", "--status", "--database-url", database.conninfo])
        #expect(run.status == 77)
        #expect(run.stderr.contains("superuser"))
    }

    @Test("an unreachable database exits 69 with a readable message")
    func unavailable() throws {
        let run = try runInquest(["migrate", "--status", "--database-url", "postgresql://127.0.0.1:1/inquest"])
        #expect(run.status == 69)
        #expect(run.stderr.hasPrefix("error: "))
    }

    @Test("usage errors exit 64; --version and --help work")
    func usage() throws {
        #expect(try runInquest(["migrate", "--format", "yaml"]).status == 64)
        #expect(try runInquest(["no-such-command"]).status == 64)
        let version = try runInquest(["--version"])
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try runInquest(["--help"])
        #expect(help.status == 0 && help.stdout.contains("migrate"))
    }
}
