/// Splits PostgreSQL's binary COPY stream into rows of raw field bytes. Used for the audit
/// log because binary COPY carries every byte exactly, with no escaping to undo.
struct BinaryCopyRows {
    private var sawHeader = false

    /// Calls `row` with the fields of each row in `chunk` (`nil` for NULL). libpq hands over
    /// one row per chunk; the first also carries the file header, the last the trailer.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ row: ([UnsafeRawBufferPointer?]) throws -> Void) throws {
        var offset = 0
        func int16() throws -> Int16 {
            guard offset + 2 <= chunk.count else { throw malformed }
            defer { offset += 2 }
            return Int16(bitPattern: UInt16(chunk[offset]) << 8 | UInt16(chunk[offset + 1]))
        }
        func int32() throws -> Int32 {
            guard offset + 4 <= chunk.count else { throw malformed }
            defer { offset += 4 }
            let bytes = (0..<4).map { UInt32(chunk[offset + $0]) }
            return Int32(bitPattern: bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3])
        }
        if !sawHeader {
            let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
            guard chunk.count >= 19, Array(chunk[0..<11]) == signature else { throw malformed }
            offset = 15  // signature and flags
            offset += Int(try int32())  // header extension
            sawHeader = true
        }
        var fields: [UnsafeRawBufferPointer?] = []
        while offset < chunk.count {
            let count = try int16()
            if count == -1 { return }  // trailer
            fields.removeAll(keepingCapacity: true)
            for _ in 0..<count {
                let length = Int(try int32())
                if length < 0 {
                    fields.append(nil)
                } else {
                    guard offset + length <= chunk.count else { throw malformed }
                    fields.append(UnsafeRawBufferPointer(rebasing: chunk[offset..<offset + length]))
                    offset += length
                }
            }
            try row(fields)
        }
    }

    private var malformed: InquestError { InquestError(.internal, "unexpected data in the audit log stream") }
}
