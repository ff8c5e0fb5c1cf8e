import Dispatch
import Foundation
import Inquest
import Postgres

// Measures audited single-record writes through the service layer, for Scripts/bench.sh.
//
//   inquest-bench writes CLIENTS SECONDS PERSON-KEY
//
// Each client has its own connection and session and drafts summonses (one audited row
// each, one transaction each, sealed after commit, exactly as `inquest summons create`
// does) until the time is up. Prints "writes=N seconds=S tps=T". Connection settings come
// from the environment (PGHOST, PGDATABASE, PGUSER …).
let arguments = CommandLine.arguments
guard arguments.count == 5, arguments[1] == "writes", let clients = Int(arguments[2]), let seconds = Double(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: inquest-bench writes CLIENTS SECONDS PERSON-KEY\n".utf8))
    exit(64)
}
let person = arguments[4]

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var failure: String?
    func add(_ n: Int) { lock.withLock { total += n } }
    func fail(_ message: String) { lock.withLock { failure = failure ?? message } }
    var result: (Int, String?) { lock.withLock { (total, failure) } }
}

let counter = Counter()
let started = Date()
let deadline = started.addingTimeInterval(seconds)
DispatchQueue.concurrentPerform(iterations: clients) { _ in
    do {
        let session = try Session(Database(allowSuperuser: true))
        let summonses = Summonses(session)
        var done = 0
        while Date() < deadline {
            _ = try summonses.create(person: person, .init(purpose: "benchmark"))
            done += 1
        }
        counter.add(done)
    } catch {
        counter.fail("\(error)")
    }
}
let elapsed = Date().timeIntervalSince(started)
let (total, failure) = counter.result
if let failure {
    FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
    exit(1)
}
print(String(format: "writes=%d seconds=%.2f tps=%.1f", total, elapsed, Double(total) / elapsed))
