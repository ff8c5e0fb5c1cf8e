import CLibPQ
import Foundation

/// Stops what a connection is running on the server, from another thread.
///
/// A statement does not stop when its client dies: the server notices only when it next
/// writes to the socket, and until then it holds its locks (a killed import would block
/// every later write to the same testimony session). libpq's cancel request travels on a
/// separate connection, so it can be sent while another thread waits in `query`.
///
/// Each `Connection` owns one (`Connection.canceller`), made when it connects; it stays
/// valid after the connection closes (a late request finds nothing to cancel).
public final class Canceller: @unchecked Sendable {
    // `PGcancel` is immutable once made, and `PQcancel` may be called from any thread.
    private let request: OpaquePointer?
    private let lock = NSLock()
    private var running = 0          // statements in flight on the connection (0 or 1)
    private var interrupted = false  // once set, the connection starts no statement

    init(connection handle: OpaquePointer) {
        request = PQgetCancel(handle)
    }

    deinit {
        if let request { PQfreeCancel(request) }
    }

    /// Sends libpq's cancel request and returns once the server has taken it. The statement
    /// running then fails with SQLSTATE 57014 (`.queryCanceled`) in the thread that runs it;
    /// if none is running, nothing happens and the connection stays usable.
    /// - Throws: `PostgresError` (`.connectionFailed`) when the request could not be delivered.
    public func cancel() throws {
        guard let request else {
            throw PostgresError(code: .connectionFailed, message: "no cancel handle for this connection")
        }
        var reason = [CChar](repeating: 0, count: 256)
        guard PQcancel(request, &reason, Int32(reason.count)) == 1 else {
            let text = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PostgresError(code: .connectionFailed, message: "cancel request failed: " + text)
        }
    }

    /// Stops the connection for good (on shutdown): from now on every statement fails at
    /// once with `.queryCanceled`, unsent, and the one running, if any, is cancelled.
    /// - Returns: whether a statement was running (and a cancel request was sent).
    /// - Throws: `PostgresError` (`.connectionFailed`) when the request could not be delivered.
    @discardableResult
    public func interrupt() throws -> Bool {
        let wasRunning = lock.withLock {
            interrupted = true
            return running > 0
        }
        if wasRunning { try cancel() }
        return wasRunning
    }

    /// Whether a statement is in flight now.
    public var isRunning: Bool { lock.withLock { running > 0 } }

    /// Brackets one statement (from sending it to its last result): refused once interrupted.
    func statement<R>(_ body: () throws -> R) throws -> R {
        try lock.withLock {
            if interrupted {
                throw PostgresError(code: .queryCanceled, message: "the connection was interrupted: no further statements run")
            }
            running += 1
        }
        defer { lock.withLock { running -= 1 } }
        return try body()
    }
}
