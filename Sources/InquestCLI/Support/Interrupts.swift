import Dispatch
import Foundation
import Postgres
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP cancel the statement the command is running, on the server,
/// before the process exits with the conventional status (128 + the signal: 130, 143, 129).
///
/// Killing a client does not stop its statement: the server notices only when it next
/// writes to the socket, and meanwhile the statement holds its locks (an interrupted
/// transcript import would block every later write to that session). So the signals are
/// taken by a thread of ours instead of ending the process. It interrupts the command's
/// connection (`Canceller.interrupt`): no further statement starts, and the one running, if
/// any, gets libpq's cancel request, which returns once the server has taken it. That
/// statement then fails in the main thread, its transaction rolls back, and the command's
/// error path (`runReportingErrors`) exits with 128 + the signal. With no statement running
/// (reading a file, waiting at a prompt) the process exits at once.
///
/// A cancel request that overtook its statement on the way to the server finds nothing to
/// cancel: while a statement is still running it is sent again every second, and after
/// `patience` the process exits anyway. A second signal exits at once. A signal ignored when
/// the process started (`nohup`, a background job of a script) stays ignored.
enum Interrupts {
    /// How long to wait for the command to stop after the first cancel request.
    static let patience: TimeInterval = 10

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var canceller: Canceller?
        var signal: Int32?
        var cleanup: (@Sendable () -> Void)?
    }
    private static let state = State()

    /// Takes over SIGINT, SIGTERM and SIGHUP. Call first thing in `main`, before any other
    /// thread exists: the signals are blocked in every thread (each new thread inherits the
    /// mask) and taken by one thread that waits for them with `sigwait`, the textbook way for
    /// a threaded program, so that no thread meets one with its default action.
    static func install() {
        var taken = sigset_t()
        sigemptyset(&taken)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(number, SIG_IGN)
            signal(number, previous)
            if sameHandler(previous, SIG_IGN) { continue }
            sigaddset(&taken, number)
        }
        pthread_sigmask(SIG_BLOCK, &taken, nil)
        // A plain POSIX thread: Foundation's `Thread` costs more to start (a malloc arena of
        // its own among other things) and nothing here needs it. It never ends; the set is
        // its own. Unnamed: Glibc does not export pthread_setname_np to Swift.
        let set = UnsafeMutablePointer<sigset_t>.allocate(capacity: 1)
        set.initialize(to: taken)
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let created = pthread_create(&thread, nil, signalThread, set)
        precondition(created == 0, "inquest: cannot start the signal thread (error \(created))")
    }

    /// The signal thread's body: takes the signals in `set`, one at a time, forever.
    fileprivate static func takeSignals(_ set: UnsafeMutablePointer<sigset_t>) -> Never {
        while true {
            var number: Int32 = 0
            if sigwait(set, &number) == 0 { received(number) }
        }
    }

    /// The connection whose statements a signal cancels (the command's one connection).
    static func watch(_ connection: Connection) {
        state.lock.withLock { state.canceller = connection.canceller }
    }

    /// Runs `body` with `cleanup` to be run first should a signal end the process meanwhile
    /// (such as turning the terminal's echo back on).
    static func withCleanup<R>(_ cleanup: @escaping @Sendable () -> Void, _ body: () throws -> R) rethrows -> R {
        state.lock.withLock { state.cleanup = cleanup }
        defer { state.lock.withLock { state.cleanup = nil } }
        return try body()
    }

    /// The signal that interrupted the command, if one did.
    static var signalReceived: Int32? {
        state.lock.withLock { state.signal }
    }

    /// What `runReportingErrors` reports when a command failed because it was interrupted.
    /// - Returns: the exit status, 128 + the signal.
    static func report(_ number: Int32) -> Int32 {
        Output.writeError("interrupted by \(name(number)): the running statement was cancelled on the server; "
            + "what the command had not committed is rolled back\n")
        return 128 + number
    }

    private static func received(_ number: Int32) {
        let (first, canceller) = state.lock.withLock {
            let first = state.signal == nil
            if first { state.signal = number }
            return (first, state.canceller)
        }
        // A second signal: the user insists.
        guard first else { leave(number) }
        // No connection yet: no statement can be running.
        guard let canceller else { leave(number) }
        DispatchQueue.global().async {
            do {
                // Nothing running, and nothing will start: leave now.
                guard try canceller.interrupt() else { leave(number) }
                let deadline = Date().addingTimeInterval(patience)
                while Date() < deadline {
                    Thread.sleep(forTimeInterval: 1)
                    if canceller.isRunning { try canceller.cancel() }
                }
                Output.writeError("inquest: \(name(number)): the command did not stop within \(Int(patience)) s; exiting\n")
            } catch {
                Output.writeError("inquest: \(name(number)): \((error as? PostgresError)?.message ?? "cancel request failed"); "
                    + "the server may still be running the statement\n")
            }
            leave(number)
        }
    }

    /// Ends the process from the signal's thread. `_exit`, not `exit`: the main thread may
    /// hold a stdio lock (waiting in `readLine`), which `exit`'s flush of every stream would
    /// wait for forever. Our output goes straight to the descriptors: nothing is lost.
    private static func leave(_ number: Int32) -> Never {
        state.lock.withLock { state.cleanup }?()
        _exit(128 + number)
    }

    private static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }

    private static func sameHandler<Handler>(_ first: Handler, _ second: Handler) -> Bool {
        unsafeBitCast(first, to: Int.self) == unsafeBitCast(second, to: Int.self)
    }
}

#if canImport(Glibc)
private func signalThread(_ set: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Interrupts.takeSignals(set!.assumingMemoryBound(to: sigset_t.self))
}
#else
private func signalThread(_ set: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Interrupts.takeSignals(set.assumingMemoryBound(to: sigset_t.self))
}
#endif
