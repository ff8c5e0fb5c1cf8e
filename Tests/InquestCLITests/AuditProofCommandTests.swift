import Foundation
import Postgres
import Testing
import TestSupport

/// Runs the binary with no PostgreSQL setting at all (and PGHOST pointing nowhere): an
/// offline command must not need, or try, a connection.
private struct OfflineRun { var status: Int32; var stdout: String; var stderr: String }

private func offline(_ arguments: [String]) throws -> OfflineRun {
    let process = Process()
    process.executableURL = TestEnvironment.binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "INQUEST_DATABASE_URL" }
        .merging(["PGHOST": "/nonexistent", "PGPORT": "1"]) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return OfflineRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Issue 11 through the CLI: checkpoints, proofs, witnesses and offline verification, and
/// what an insider, a forger or a careless copy does to them.
@Suite("Verifiable log: checkpoints, proofs and witnesses through the CLI")
struct AuditProofCommandTests {
    let cli: CLI
    let dir: URL

    init() throws {
        cli = CLI(database: try TestDatabase())
        dir = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("tlog"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(try runInquest(["audit", "keygen", "--name", "commission.example/log", "--out", path("log")]).status == 0)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func write(_ name: String, _ text: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }

    /// Runs a command as the owner of this test's database, or of another one.
    typealias Owner = ([String]) throws -> CommandResult
    var owner: Owner { { [cli] in try cli.owner($0) } }
    static func owner(of database: String) -> Owner {
        { try runInquest($0 + ["--allow-superuser", "--database-url", "dbname=\(database)"]) }
    }

    func addCases(_ count: Int, prefix: String = "IR", on database: Owner? = nil) throws {
        for i in 0..<count {
            let run = try (database ?? owner)(["case", "create", "\(prefix)-\(UUID().uuidString.prefix(8))-\(i)", "--title", "Case \(i)"])
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    func checkpoint(_ name: String, on database: Owner? = nil) throws {
        let run = try (database ?? owner)(["audit", "checkpoint", "--key", path("log"), "--out", path(name)])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Events sealed before the test began: migrations after 0016 record their DDL as events,
    /// so a freshly migrated log is not empty. Sizes below count from here.
    func base(on database: Owner? = nil) throws -> Int {
        let run = try (database ?? owner)(["audit", "verify", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return object?["headSeq"] as? Int ?? -1
    }

    @Test("issue 11 bug: a checkpoint of the empty tree (size 0) verifies, before and after events are added")
    func emptyLogCheckpoint() throws {
        // The empty tree is a prefix of every log; `--size 0` signs it whatever the log holds
        // (a fresh database's log holds the DDL of the migrations after 0016).
        let run = try owner(["audit", "checkpoint", "--key", path("log"), "--out", path("empty"), "--size", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try read("empty").split(separator: "\n")[1] == "0")
        let now = try owner(["audit", "verify", "--checkpoint", path("empty"), "--public-key", path("log.pub")])
        #expect(now.status == 0, "\(now.stderr)")
        try addCases(3)
        let later = try owner(["audit", "verify", "--checkpoint", path("empty"), "--public-key", path("log.pub")])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("checkpoint of 0 events"))
        let beyond = try owner(["audit", "checkpoint", "--key", path("log"), "--out", path("beyond"), "--size", "\(try base() + 1)"])
        #expect(beyond.status == 65 && beyond.stderr.contains("size"), "a size beyond the log is bad input: \(beyond.stderr)")
    }

    @Test("prove, then verify-proof with no database; every altered bundle exits 1 naming what is wrong")
    func proofBundles() throws {
        let base = try base()
        try addCases(6)
        try checkpoint("cp")
        let seq = base + 4, size = base + 6
        let proved = try cli.owner(["audit", "prove", "\(seq)", "--checkpoint", path("cp"), "--out", path("p4")])
        #expect(proved.status == 0, "\(proved.stderr)")
        let good = try offline(["audit", "verify-proof", path("p4"), "--public-key", path("log.pub")])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("ok: event \(seq) is in the log"))

        let bundle = try read("p4")
        var lines = bundle.components(separatedBy: "\n")
        func refused(_ text: String, _ expected: String, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
            try write("bad", text)
            let run = try offline(["audit", "verify-proof", path("bad"), "--public-key", path("log.pub")] + extra)
            #expect(run.status == 1, "\(run.stdout) \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains(expected), "\(run.stderr)", sourceLocation: sourceLocation)
            #expect(!run.stdout.contains("ok"), sourceLocation: sourceLocation)
        }
        try refused(String(bundle.dropLast(30)), "proof:")                                   // truncated
        try refused(String(bundle.prefix(bundle.count / 2)), "proof:")                       // cut in half
        let swapped = { var l = lines; l.swapAt(3, 4); return l.joined(separator: "\n") }()
        try refused(swapped, "does not lead to the checkpoint's root")                      // reordered proof lines
        try refused(bundle.replacingOccurrences(of: "\nindex \(seq - 1)\n", with: "\nindex \(seq - 2)\n"), "is not index + 1")
        // The checkpoint's size changed: its signature no longer verifies.
        let sizeLine = lines.firstIndex(of: "\(size)") ?? lines.count - 1
        lines[sizeLine] = "\(size + 1)"
        try refused(lines.joined(separator: "\n"), "does not verify")
        // The event's text changed (another actor), re-encoded properly: the proof fails.
        let extraLine = bundle.components(separatedBy: "\n")[1]
        let text = String(decoding: Data(base64Encoded: String(extraLine.dropFirst(6)))!, as: UTF8.self)
        let forged = text.replacingOccurrences(of: "\npostgres\n", with: "\nsomebody_else\n")
        #expect(forged != text)
        try refused(bundle.replacingOccurrences(of: extraLine, with: "extra " + Data(forged.utf8).base64EncodedString()),
                    "does not lead to the checkpoint's root")
        try refused(bundle, "not of inquest:another", extra: ["--origin", "inquest:another"])   // foreign origin
        // Signed by a key the verifier does not trust.
        #expect(try runInquest(["audit", "keygen", "--name", "commission.example/log", "--out", path("other")]).status == 0)
        let stranger = try offline(["audit", "verify-proof", path("p4"), "--public-key", path("other.pub")])
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("no signature by the log key"))
        // A bad key file is bad input (65), naming the field.
        try write("junk.pub", "not a key\n")
        let junk = try offline(["audit", "verify-proof", path("p4"), "--public-key", path("junk.pub")])
        #expect(junk.status == 65)
        #expect(junk.stderr.contains("public-key"))
    }

    @Test("verify --export runs offline and refuses a tampered, truncated or loosely written export")
    func exportOffline() throws {
        let base = try base()
        try addCases(5)
        try checkpoint("cp")
        #expect(try cli.owner(["audit", "export", "--out", path("export.jsonl")]).status == 0)
        let good = try offline(["audit", "verify", "--export", path("export.jsonl"), "--checkpoint", path("cp"), "--public-key", path("log.pub")])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("checkpoint of \(base + 5) events"))
        let export = try read("export.jsonl")
        var lines = export.components(separatedBy: "\n")
        func refused(_ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try write("bad.jsonl", text)
            let run = try offline(["audit", "verify", "--export", path("bad.jsonl"), "--checkpoint", path("cp"), "--public-key", path("log.pub")])
            #expect(run.status == 1, "\(run.stdout) \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains(expected), "\(run.stderr)", sourceLocation: sourceLocation)
        }
        try refused(export.replacingOccurrences(of: "\"login\":\"postgres\"", with: "\"login\":\"someone\""), "hash mismatch at event 1")
        try refused(String(export.dropLast()), "truncated")
        try refused(lines.dropLast(2).joined(separator: "\n") + "\n", "truncated")                // last event cut off
        try refused(export.replacingOccurrences(of: "{\"seq\":3,", with: "{\"seq\":3,\"seq\":3,"), "line 3")  // duplicated member
        try refused(export.replacingOccurrences(of: "{\"seq\":2,", with: "{\"seq\":2.0,"), "plain decimal")  // 1.0 for an integer
        try refused(export.replacingOccurrences(of: "\n{\"seq\":2,", with: "\n\n{\"seq\":2,"), "empty line")  // blank line
        try refused(export.replacingOccurrences(of: ",\"hash\":", with: ",\"extra\":1,\"hash\":"), "expected member \"hash\"")
        lines.swapAt(1, 2)
        try refused(lines.joined(separator: "\n"), "seq 3 where 2 was expected")                      // reordered
    }

    @Test("a witness cosigns only what extends what it saw; it refuses a fork of the log")
    func witnessRefusesFork() throws {
        #expect(try runInquest(["witness", "keygen", "--name", "archive.example/w", "--out", path("w")]).status == 0)
        #expect(try runInquest(["witness", "keygen", "--name", "ngo.example/w2", "--out", path("w2")]).status == 0)
        let base = try base()
        try addCases(3)
        // The fork: a copy of the database as it is now (same origin), which then diverges.
        let fork = TestEnvironment.uniqueName("fork")
        try TestEnvironment.superuser().execute("create database \(fork) template \(cli.database.name)")
        let forked = Self.owner(of: fork)
        defer { _ = try? TestEnvironment.superuser().execute("drop database if exists \(fork)") }

        try checkpoint("cp1")
        let first = try cli.owner(["witness", "cosign", "--key", path("w"), "--log-key", path("log.pub"), "--state", path("state"),
                                   "--checkpoint", path("cp1"), "--out", path("cp1w")])
        #expect(first.status == 0, "\(first.stderr)")
        try addCases(4)
        try checkpoint("cp2")
        let request = try cli.owner(["audit", "consistency", path("cp1"), path("cp2"), "--out", path("req")])
        #expect(request.status == 0, "\(request.stderr)")
        let second = try offline(["witness", "cosign", "--key", path("w"), "--log-key", path("log.pub"), "--state", path("state"),
                                  "--request", path("req"), "--out", path("cp2w")])
        #expect(second.status == 0, "\(second.stderr)")
        let policy = ["--public-key", path("log.pub"), "--witness-key", path("w.pub"), "--witness-key", path("w2.pub")]
        let oneOfTwo = try cli.owner(["audit", "verify", "--checkpoint", path("cp2w"), "--witnesses-required", "1"] + policy)
        #expect(oneOfTwo.status == 0, "\(oneOfTwo.stderr)")
        let twoOfTwo = try cli.owner(["audit", "verify", "--checkpoint", path("cp2w")] + policy)
        #expect(twoOfTwo.status == 1)
        #expect(twoOfTwo.stderr.contains("1 of the 2 trusted witnesses"))

        // The fork grows differently; the log key signs it (whoever holds the database and
        // the key can do this): the witness must refuse, by request file and by connection.
        try addCases(9, prefix: "FORK", on: forked)
        try checkpoint("fork", on: forked)
        let forkRequest = try forked(["audit", "consistency", "\(base + 7)", path("fork"), "--out", path("forkreq")])
        #expect(forkRequest.status == 0, "\(forkRequest.stderr)")
        let byFile = try offline(["witness", "cosign", "--key", path("w"), "--log-key", path("log.pub"), "--state", path("state"),
                                  "--request", path("forkreq"), "--out", path("forkw")])
        #expect(byFile.status == 1)
        #expect(byFile.stderr.contains("does not verify"), "\(byFile.stderr)")
        let byConnection = try forked(["witness", "cosign", "--key", path("w"), "--log-key", path("log.pub"), "--state", path("state"),
                                             "--checkpoint", path("fork"), "--out", path("forkw")])
        #expect(byConnection.status == 1)
        #expect(!FileManager.default.fileExists(atPath: path("forkw")))
        // A stale request (from before the last cosignature) is refused too; the state did not move.
        let stale = try offline(["witness", "cosign", "--key", path("w"), "--log-key", path("log.pub"), "--state", path("state"),
                                 "--request", path("req")])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("has size \(base + 7)"))
        // The forked database itself does not hold the cosigned checkpoint's tree.
        let forkVerify = try forked(["audit", "verify", "--checkpoint", path("cp2w"), "--public-key", path("log.pub")])
        #expect(forkVerify.status == 1)
    }

    @Test("an independent implementation (pymerkle, cryptography) agrees with the checkpoint and the proof")
    func independentCheck() throws {
        let base = try base()
        try addCases(11)
        try checkpoint("cp")
        #expect(try cli.owner(["audit", "export", "--out", path("export.jsonl")]).status == 0)
        #expect(try cli.owner(["audit", "prove", "\(base + 6)", "--checkpoint", path("cp"), "--out", path("p6")]).status == 0)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("python/independent_check.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, path("export.jsonl"), path("cp"), path("log.pub"), path("p6")]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output) (pip install pymerkle cryptography)")
        #expect(output.contains("event \(base + 6) included"))
        // And it is not a rubber stamp: an altered export fails it.
        try write("export.jsonl", try read("export.jsonl").replacingOccurrences(of: "Case 3", with: "Case X"))
        let again = Process()
        again.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        again.arguments = ["python3", script, path("export.jsonl"), path("cp"), path("log.pub"), path("p6")]
        again.standardOutput = FileHandle.nullDevice
        again.standardError = FileHandle.nullDevice
        try again.run()
        again.waitUntilExit()
        #expect(again.terminationStatus != 0)
    }
}
