import Dispatch
import Foundation
import Inquest
import Postgres

// Measures audited single-record writes through the service layer, for Scripts/bench.sh.
//
//   inquest-bench writes CLIENTS SECONDS PERSON-KEY
//
//   inquest-bench writes CLIENTS SECONDS PERSON-KEY [--sealer | --no-seal]
//
// Each client has its own connection and session and drafts summonses (one audited row
// each, one transaction each, as `inquest summons create` does) until the time is up.
// Without --sealer, each write seals its events after commit, as the CLI does. With
// --sealer, writers only queue events and one more connection seals continuously, as a
// long-running server would; the clock stops only when everything written is sealed.
// Prints "writes=N seconds=S tps=T". Connection settings come from the environment
// (PGHOST, PGDATABASE, PGUSER …).
//   inquest-bench show-sql
//
// Prints the queries `inquest person show` runs, as one psql script (in one read-only
// repeatable-read transaction, the person's key in the psql variable `key`).
let arguments = CommandLine.arguments
if arguments.count == 2, arguments[1] == "show-sql" {
    print("begin isolation level repeatable read read only;")
    for query in People.showQueries { print(query.replacingOccurrences(of: "$1", with: ":'key'") + ";") }
    print("commit;")
    exit(0)
}
guard arguments.count >= 5, arguments[1] == "writes", let clients = Int(arguments[2]), let seconds = Double(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: inquest-bench writes CLIENTS SECONDS PERSON-KEY [--sealer]\n".utf8))
    exit(64)
}
let person = arguments[4]
let separateSealer = arguments.contains("--sealer")
// --no-seal: writers only queue events and nobody seals during the run (as pgbench's SQL
// path); the caller seals afterwards, outside the clock. Isolates the service layer's cost.
let noSeal = arguments.contains("--no-seal")

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var failure: String?
    private var finished = false
    /// Set when every writer has stopped: the sealer then seals once more and stops.
    var writersFinished: Bool {
        get { lock.withLock { finished } }
        set { lock.withLock { finished = newValue } }
    }
    func add(_ n: Int) { lock.withLock { total += n } }
    func fail(_ message: String) { lock.withLock { failure = failure ?? message } }
    var result: (Int, String?) { lock.withLock { (total, failure) } }
}

let counter = Counter()
let started = Date()
let deadline = started.addingTimeInterval(seconds)
let sealerDone = DispatchSemaphore(value: 0)
if separateSealer {
    Thread.detachNewThread {
        do {
            let sealer = try Session(Database(allowSuperuser: true))
            // On a schedule, as a server's sealer would: a seal every few milliseconds
            // chains what the writers queued meanwhile in one batch (a sealer that loops
            // without pause takes a core from the writers on a small machine).
            while !counter.writersFinished {
                try sealer.seal()
                Thread.sleep(forTimeInterval: 0.01)
            }
            try sealer.seal()  // what the writers queued last
        } catch {
            counter.fail("\(error)")
        }
        sealerDone.signal()
    }
}
DispatchQueue.concurrentPerform(iterations: clients) { _ in
    do {
        let session = try Session(Database(allowSuperuser: true), sealing: separateSealer || noSeal ? .deferred : .afterEachWrite)
        var done = 0
        while Date() < deadline {
            _ = try session.write(Summonses.create(person: person, .init(purpose: "benchmark")))
            done += 1
        }
        counter.add(done)
    } catch {
        counter.fail("\(error)")
    }
}
counter.writersFinished = true
if separateSealer { sealerDone.wait() }
let elapsed = Date().timeIntervalSince(started)
let (total, failure) = counter.result
if let failure {
    FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
    exit(1)
}
print(String(format: "writes=%d seconds=%.2f tps=%.1f", total, elapsed, Double(total) / elapsed))
