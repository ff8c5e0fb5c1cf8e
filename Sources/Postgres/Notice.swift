import CLibPQ

/// A NOTICE, WARNING, INFO or similar message the server sent alongside a statement.
public struct Notice: Sendable {
    public var severity: String
    public var sqlState: String
    public var message: String
    public var detail: String?
    public var hint: String?
}

final class NoticeBox {
    var handler: ((Notice) -> Void)?
}

/// libpq's notice receiver: the result belongs to libpq and must not be cleared here.
let noticeReceiver: PQnoticeReceiver = { context, result in
    guard let context, let result else { return }
    let box = Unmanaged<NoticeBox>.fromOpaque(context).takeUnretainedValue()
    guard let handler = box.handler else { return }
    func field(_ code: Character) -> String? {
        PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
    }
    handler(Notice(
        severity: field("V") ?? field("S") ?? "NOTICE", sqlState: field("C") ?? "00000",
        message: field("M") ?? "", detail: field("D"), hint: field("H")))
}
