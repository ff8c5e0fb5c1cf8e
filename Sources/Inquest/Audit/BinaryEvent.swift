/// One sealed event as the binary COPY of `Audit.verifySQL` sends it: columns in their
/// own types, so that the server only reads rows (formatting a million timestamps and
/// hashes as text cost it a third of a verify). The client writes the canonical text.
enum BinaryEvent {
    /// Appends the canonical text (`AuditChain.appendCanonical`) of a row whose fields are
    /// seq int8, id int8, occurred_at timestamptz, txid xid8, login name, actor name,
    /// table_name text, record_key text, case_id int8, operation text, old_values jsonb,
    /// new_values jsonb (then prev_hash and hash, bytea, not part of the text).
    /// - Returns: false when a field is not what its type says.
    static func appendCanonical(_ fields: [UnsafeRawBufferPointer?], to buffer: inout [UInt8]) -> Bool {
        guard fields.count >= 12 else { return false }
        buffer.append(contentsOf: AuditChain.version)
        for index in 0..<12 {
            guard let field = fields[index] else {
                buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "N")); buffer.append(0x0A)
                continue
            }
            switch index {
            case 0, 1, 3, 8:
                guard let value = int64(field) else { return false }
                buffer.append(contentsOf: String(value).utf8)
            case 2:
                guard let micros = int64(field) else { return false }
                appendTimestamp(micros, to: &buffer)
            case 10, 11:
                // jsonb: a version byte (1), then the document's text.
                guard field.first == 1 else { return false }
                AuditChain.appendEscaped(raw: UnsafeRawBufferPointer(rebasing: field[1...]), to: &buffer)
            default:
                AuditChain.appendEscaped(raw: field, to: &buffer)
            }
            buffer.append(0x0A)
        }
        return true
    }

    static func int64(_ field: UnsafeRawBufferPointer) -> Int64? {
        guard field.count == 8 else { return nil }
        var value: UInt64 = 0
        for byte in field { value = value << 8 | UInt64(byte) }
        return Int64(bitPattern: value)
    }

    static func appendPadded(_ value: Int64, width: Int, to buffer: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC, as `to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    /// writes it, from microseconds since 2000-01-01 00:00 UTC.
    static func appendTimestamp(_ micros: Int64, to buffer: inout [UInt8]) {
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var time = micros % perDay
        if time < 0 { time += perDay; days -= 1 }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        appendPadded(year, width: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-")); appendPadded(month, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-")); appendPadded(day, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T")); appendPadded(time / 3_600_000_000, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":")); appendPadded(time / 60_000_000 % 60, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":")); appendPadded(time / 1_000_000 % 60, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ".")); appendPadded(time % 1_000_000, width: 6, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }
}
