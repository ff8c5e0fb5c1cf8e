import CLibPQ

/// One statement of a pipeline: its text and its parameters, already checked.
public struct PipelineStatement: Sendable {
    let sql: String
    let texts: [String?]

    /// - Throws: `.invalidParameter` when a parameter holds a NUL character.
    public init(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws {
        self.sql = sql
        self.texts = try parameters.map { parameter in
            try parameter.postgresText.map { text in
                guard !text.utf8.contains(0) else {
                    throw PostgresError(code: .invalidParameter, message: "a parameter contains a NUL character")
                }
                return text
            }
        }
    }

    init(sql: String, texts: [String?]) {
        self.sql = sql
        self.texts = texts
    }
}

extension Connection {
    /// Runs several statements in one round trip (libpq's pipeline mode) and returns their
    /// results in order.
    ///
    /// The statements run one after the other, exactly as if sent one by one, in the
    /// current transaction (a BEGIN that `withTransaction` has not sent yet goes first).
    /// Outside a transaction they form one implicit transaction: all or nothing. When one
    /// fails, the server skips the rest and its error is thrown.
    /// - Throws: the first statement's `PostgresError`.
    public func pipeline(_ statements: [PipelineStatement]) throws -> [QueryResult] {
        try pipeline(segments: [statements])
    }

    /// Runs several groups of statements in one round trip: outside a transaction, each
    /// group is an implicit transaction of its own, committed before the next group runs
    /// (the protocol's Sync between them); a group that fails leaves the next ones to run.
    /// Returns every statement's result in order.
    /// - Throws: the first failure, after every group has been answered.
    public func pipeline(segments: [[PipelineStatement]]) throws -> [QueryResult] {
        guard segments.contains(where: { !$0.isEmpty }) else { return [] }
        return try canceller.statement {
            var steps: [Step] = []
            if let begin = pendingBegin { steps.append(.statement(begin, [])) }
            var preparing: [(sql: String, name: String)] = []
            for (number, segment) in segments.enumerated() {
                if number > 0 { steps.append(.sync) }
                for statement in segment {
                    if let name = prepared[statement.sql] ?? preparing.first(where: { $0.sql == statement.sql })?.name {
                        steps.append(.prepared(name, statement.texts))
                        continue
                    }
                    let count = uses[statement.sql, default: 0] + 1
                    uses[statement.sql] = count
                    if count >= Self.prepareAfterUses {
                        let name = "inquest_\(prepared.count + preparing.count + 1)"
                        preparing.append((statement.sql, name))
                        steps.append(.prepare(name, statement.sql))
                        steps.append(.prepared(name, statement.texts))
                    } else {
                        steps.append(.statement(statement.sql, statement.texts))
                    }
                }
            }
            let hadBegin = pendingBegin != nil
            // Sent, whatever happens next: a failed BEGIN leaves no transaction, a later
            // failure leaves it aborted for the caller's ROLLBACK.
            pendingBegin = nil
            let results = try run(steps) { name in
                // A PREPARE that succeeded stays on the server even if a later step fails.
                if let entry = preparing.first(where: { $0.name == name }) { prepared[entry.sql] = name }
            }
            return hadBegin ? Array(results.dropFirst()) : results
        }
    }

    /// Sends the pending BEGIN on its own, for the paths that cannot pipeline (COPY).
    func sendPendingBegin() throws {
        guard let begin = pendingBegin else { return }
        _ = try check(PQexec(handle, begin))
        pendingBegin = nil
    }

    /// Whether running `sql` now would prepare it (its second use): the PREPARE then
    /// travels with the statement.
    func preparingNext(_ sql: String) -> Bool {
        prepared[sql] == nil && uses[sql, default: 0] + 1 >= Self.prepareAfterUses
    }

    enum Step {
        /// Ends an implicit transaction (the protocol's Sync): what follows runs in another.
        case sync
        case statement(String, [String?])
        case prepare(String, String)
        case prepared(String, [String?])
    }

    /// Sends `steps` in one pipeline and reads every result; returns the results of the
    /// `.statement` and `.prepared` steps in order. Each PREPARE that succeeded is reported
    /// to `prepared` by name, whatever happens after it.
    private func run(_ steps: [Step], prepared: (String) -> Void) throws -> [QueryResult] {
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(code: .misuse, message: "cannot enter pipeline mode: \(lastErrorMessage)")
        }
        var sent = 0
        var failure: PostgresError?
        for step in steps {
            let ok: Int32
            switch step {
            case .sync:
                ok = PQpipelineSync(handle)
            case .statement(let sql, let texts):
                ok = withCStringArray(texts) { PQsendQueryParams(handle, sql, Int32(texts.count), nil, $0, nil, nil, 0) }
            case .prepare(let name, let sql):
                ok = PQsendPrepare(handle, name, sql, 0, nil)
            case .prepared(let name, let texts):
                ok = withCStringArray(texts) { PQsendQueryPrepared(handle, name, Int32(texts.count), $0, nil, nil, 0) }
            }
            guard ok == 1 else {
                failure = PostgresError(code: PQstatus(handle) == CONNECTION_OK ? .misuse : .connectionFailed, message: lastErrorMessage)
                break
            }
            sent += 1
        }
        if PQpipelineSync(handle) != 1, failure == nil {
            failure = PostgresError(code: .connectionFailed, message: lastErrorMessage)
        }
        var results: [QueryResult] = []
        var preparedCount = 0
        for index in 0..<sent {
            if case .sync = steps[index] {
                // A Sync's own result, with no NULL after it.
                while let result = PQgetResult(handle) {
                    let status = PQresultStatus(result)
                    PQclear(result)
                    if status == PGRES_PIPELINE_SYNC { break }
                }
                if PQstatus(handle) != CONNECTION_OK { break }
                continue
            }
            guard let result = PQgetResult(handle) else {
                failure = failure ?? PostgresError(code: PQstatus(handle) == CONNECTION_OK ? .misuse : .connectionFailed,
                                                   message: lastErrorMessage)
                break
            }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                let owned = QueryResult(result)
                if case .prepare(let name, _) = steps[index] { prepared(name); preparedCount += 1 } else { results.append(owned) }
            case PGRES_PIPELINE_ABORTED:
                PQclear(result)
            default:
                let error = PostgresError(result: result, fallback: lastErrorMessage, connectionOK: PQstatus(handle) == CONNECTION_OK)
                PQclear(result)
                failure = failure ?? error
            }
            // Each statement's results end with a NULL.
            while let extra = PQgetResult(handle) { PQclear(extra) }
            if PQstatus(handle) != CONNECTION_OK { break }
        }
        if PQstatus(handle) == CONNECTION_OK {
            // The Sync's own result closes the pipeline.
            while let result = PQgetResult(handle) {
                let status = PQresultStatus(result)
                PQclear(result)
                if status == PGRES_PIPELINE_SYNC { break }
            }
        }
        _ = PQexitPipelineMode(handle)
        if let failure { throw failure }
        let syncs = steps.filter { if case .sync = $0 { return true } else { return false } }.count
        guard results.count + preparedCount + syncs == steps.count else {
            throw PostgresError(code: .misuse, message: "a pipeline returned \(results.count) results for \(steps.count) steps")
        }
        return results
    }
}
