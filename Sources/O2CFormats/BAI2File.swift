import Foundation
import O2CDomain

/// Reads BAI2 bank files: the Cash Management Balance Reporting Specifications Version 2 of the
/// Bank Administration Institute, now maintained by ASC X9 as BTRS.
///
/// Liberal where banks differ and the spec allows it (CRLF or LF, blank padding to a fixed record
/// length, a missing final `/`, blank lines, trailing empty summary fields), strict on integrity:
/// every control total and record count of the 49, 98 and 99 trailers is checked, and any error
/// stops the read with the file and line; nothing partial is returned.
///
/// One `BankStatement` per 03 account identifier, with one `BankLine` per 16 transaction detail
/// whose type code is a credit or a debit.
public enum BAI2File {
    public static func parse(_ data: Data, fileName: String) throws(DomainError) -> BankFile {
        let records = try BAI2Tokenizer.records(in: decode(data), fileName: fileName)
        var reader = BAI2StatementReader(fileName: fileName)
        for record in records { try reader.read(record) }
        return try reader.finish()
    }

    /// UTF-8, else Windows-1252 (what older bank systems write); a byte-order mark is dropped.
    static func decode(_ data: Data) -> String {
        let text = String(data: data, encoding: .utf8)
            ?? String(data: data, encoding: .windowsCP1252)
            ?? String(decoding: data, as: UTF8.self)
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

// MARK: - Records

/// One physical record: one line of the file.
struct BAI2PhysicalRecord {
    let line: Int
    /// The record code, `01` … `99`.
    let code: String
    /// What follows `NN,`, without the terminating `/` nor trailing blanks.
    let body: Substring
    /// Whether the record closed its last field. It did not when it fills the physical record
    /// length with neither `/` nor blank padding: the writer cut it there, mid-field or mid-word,
    /// and the field (or a 16 record's text) runs on into the 88 that follows.
    var closesField: Bool
    /// Closed only because it is shorter than the physical record length (no `/`, no padding).
    var closedByLengthOnly = false
}

/// A record with its 88 continuations, which extend its fields as if written on one line.
struct BAI2Record {
    var parts: [BAI2PhysicalRecord]
    var code: String { parts[0].code }
    var line: Int { parts[0].line }
}

enum BAI2Tokenizer {
    static let recordNames = [
        "01": "file header", "02": "group header", "03": "account identifier", "16": "transaction detail",
        "88": "continuation", "49": "account trailer", "98": "group trailer", "99": "file trailer",
    ]

    static let recordCodes = Array(recordNames.keys)

    static func records(in text: String, fileName: String) throws(DomainError) -> [BAI2Record] {
        var records: [BAI2Record] = []
        // Only CR and LF end lines (CRLF is one end): Windows-1252 text may hold other characters
        // Swift counts as newlines. Lines are cut on the UTF-8 bytes, which is where the time goes
        // on a file of tens of thousands of lines; CR and LF never occur inside a multi-byte character.
        var lines: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex, index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else { bytes.formIndex(after: &index); continue }
            lines.append(text[start..<index])
            bytes.formIndex(after: &index)
            if byte == 0x0D, index < bytes.endIndex, bytes[index] == 0x0A { bytes.formIndex(after: &index) }
            start = index
        }
        lines.append(text[start..<bytes.endIndex])
        let recordLength = physicalRecordLength(lines.first { !$0.utf8.allSatisfy(isBAI2Blank) })
        for (offset, raw) in lines.enumerated() {
            let lineNumber = offset + 1
            let rawBytes = raw.utf8
            var end = rawBytes.endIndex
            while end > rawBytes.startIndex, isBAI2Blank(rawBytes[rawBytes.index(before: end)]) { rawBytes.formIndex(before: &end) }
            let line = raw[..<end]
            if line.isEmpty { continue }
            let head = Array(line.utf8.prefix(3))
            guard head.count >= 2, (0x30...0x39).contains(head[0]), (0x30...0x39).contains(head[1]),
                  head.count == 2 || head[2] == UInt8(ascii: ",") || head[2] == UInt8(ascii: "/"),
                  let code = recordCodes.first(where: { $0.utf8.elementsEqual(head.prefix(2)) })
            else {
                throw DomainError(field: "record type", "unknown record type '\(line.prefix(3))': a record starts with "
                                  + "01, 02, 03, 16, 88, 49, 98 or 99 and a comma", location: "\(fileName):\(lineNumber)")
            }
            var rest = line.utf8.dropFirst(2)
            if rest.first == UInt8(ascii: ",") { rest = rest.dropFirst() }
            let terminated = rest.last == UInt8(ascii: "/")
            let body = line[rest.startIndex..<(terminated ? rest.index(before: rest.endIndex) : rest.endIndex)]
            // A line's characters are never more than its bytes: count them only when it may fill the record.
            let short = line.utf8.count < recordLength || line.count < recordLength
            let record = BAI2PhysicalRecord(line: lineNumber, code: code, body: body, closesField: terminated || end < raw.endIndex || short,
                                            closedByLengthOnly: !terminated && end == raw.endIndex && short)
            if code == "88" {
                guard !records.isEmpty else {
                    throw DomainError(field: "88", "a continuation record with no record before it to continue",
                                      location: "\(fileName):\(lineNumber)")
                }
                records[records.count - 1].parts.append(record)
            } else {
                records.append(BAI2Record(parts: [record]))
            }
        }
        runOnFixedLengthContinuations(&records)
        return records
    }

    /// A writer that cuts text into continuations of one length, shorter than the physical record
    /// (`88,` and 72 characters, mid-word: `…AMT 4` + `,748.12`): when nearly every continuation
    /// followed by another has that one length, fifty characters or more, one of that length
    /// runs on into the next as written, as one filling the record does.
    static func runOnFixedLengthContinuations(_ records: inout [BAI2Record]) {
        var lengths: [Int: Int] = [:]
        var continued = 0
        for record in records where record.parts.count > 2 {
            for part in record.parts.dropFirst().dropLast() where part.code == "88" {
                continued += 1
                if part.closedByLengthOnly { lengths[part.body.utf8.count, default: 0] += 1 }
            }
        }
        // Fifty characters or more: shorter records of one length are a lockbox's columns
        // (`88,105101       1234.56`), one item each, not text cut.
        guard let (length, count) = lengths.max(by: { $0.value < $1.value }), length >= 50, count >= 3, count * 5 >= continued * 4 else { return }
        for index in records.indices where records[index].parts.count > 2 {
            for part in 1..<(records[index].parts.count - 1) where records[index].parts[part].code == "88" && records[index].parts[part].closedByLengthOnly
                && records[index].parts[part].body.utf8.count == length && records[index].parts[part + 1].code == "88" {
                records[index].parts[part].closesField = false
            }
        }
    }

    /// The 01 record's physical record length, else 80: the length of the punched card the format
    /// was designed for, and what fixed-length writers use.
    static func physicalRecordLength(_ header: Substring?) -> Int {
        guard let header, header.hasPrefix("01,") else { return 80 }
        let fields = header.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count > 6, let length = Int(fields[6].trimmingCharacters(in: .whitespaces)), length > 0 else { return 80 }
        return length
    }
}

/// `text` without the whitespace around it. Most fields have none: they are returned as they are,
/// without Foundation's trimming, which took a third of the time of reading a large file.
private func trimmingBlanks(_ text: String) -> String {
    guard let first = text.utf8.first, let last = text.utf8.last else { return text }
    let plain = { (byte: UInt8) in byte > 0x20 && byte < 0x80 }
    return plain(first) && plain(last) ? text : text.trimmingCharacters(in: .whitespaces)
}

/// The blanks a BAI2 writer pads records with: space, tab, SUB (end of file on old systems), NUL.
private func isBAI2Blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x1A || byte == 0x00 }

extension Character {
    fileprivate var isBAI2Blank: Bool { self == " " || self == "\t" || self == "\u{1A}" || self == "\0" }
    fileprivate var isBAI2Digit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}

/// Reads the fields of a record and its continuations in order.
struct BAI2FieldReader {
    private let parts: [BAI2PhysicalRecord]
    private var part = 0
    private var position: Substring.Index

    init(_ record: BAI2Record) {
        parts = record.parts
        position = record.parts[0].body.startIndex
    }

    /// The line the next field starts on, for messages.
    var line: Int { parts[min(part, parts.count - 1)].line }

    /// The next field, or nil past the end of the record. A field ends at a comma or where a
    /// physical record closes it; otherwise it runs on into the next 88.
    mutating func next() -> String? {
        guard part < parts.count else { return nil }
        var value = ""
        while part < parts.count {
            let body = parts[part].body
            if let comma = body.utf8[position...].firstIndex(of: UInt8(ascii: ",")) {
                value += body[position..<comma]
                position = body.index(after: comma)
                return value
            }
            value += body[position...]
            let closes = parts[part].closesField
            advance()
            if closes { return value }
        }
        return value
    }

    /// Steps over empty fields that end the current physical record (`…,015,1000,,,/`: some banks
    /// write one delimiter too many after a summary), so they are not read as a summary.
    mutating func skipEmptyTail() {
        while part < parts.count, parts[part].closesField || part == parts.count - 1,
              parts[part].body[position...].allSatisfy({ $0 == "," || $0.isBAI2Blank }) {
            advance()
        }
    }

    /// The rest of the record as free text (the last field of a 16, which may hold commas and
    /// slashes). A piece cut at the record length runs on into its 88 as written (`…CLIE` + `NT…`);
    /// otherwise each 88 is a new piece of text, joined with a single space.
    mutating func remainingText() -> String {
        var text = ""
        var joinWithSpace = false
        while part < parts.count {
            let piece = parts[part].body[position...]
            if joinWithSpace {
                let left = trimmingBlanks(text)
                let right = trimmingBlanks(String(piece))
                text = left.isEmpty || right.isEmpty ? left + right : left + " " + right
            } else {
                text += piece
            }
            joinWithSpace = parts[part].closesField
            advance()
        }
        return trimmingBlanks(text)
    }

    private mutating func advance() {
        part += 1
        if part < parts.count { position = parts[part].body.startIndex }
    }
}

// MARK: - Type codes

enum BAI2TypeCode {
    enum Kind: Equatable { case credit, debit, informational }

    /// The ranges of the spec's type-code table (Appendix A, as moov-io/bai2 `ClassifyTypeCode`
    /// and Oracle JD Edwards UDC 09/BA list them): 001–099 account status, 100–399 credits,
    /// 400–699 debits, 700–799 loan figures, 890 non-monetary information, 900–919 customized
    /// status, 920–959 customized credits, 960–999 customized debits. Loan codes describe a loan
    /// account's balances and how a payment on it was split, not cash on this account, so they are
    /// informational here with status and the rest of 700–919: counted in the trailers, not lines.
    static func kind(_ code: Int) -> Kind {
        switch code {
        case 100...399, 920...959: .credit
        case 400...699, 960...999: .debit
        default: .informational
        }
    }

    /// Detail codes whose Appendix A name says they undo an earlier movement: reversals
    /// (252 debit reversal, 258 ACH reversal credit, 395 check reversal, 552 credit reversal,
    /// 558 ACH reversal debit, 694 deposit reversal) and returned items (255 check posted and
    /// returned, 257 and 557 individual ACH return item, 266 and 566 return item, 555 deposited
    /// item returned). Adjustments and return fees are not reversals.
    static let reversals: Set<Int> = [252, 255, 257, 258, 266, 395, 552, 555, 557, 558, 566, 694]
}

// MARK: - The reader

/// The state machine over records: file, group, account, in the order the spec gives.
struct BAI2StatementReader {
    private struct FileState {
        var id: String
        var groups = 0
        var total: Int128 = 0
    }

    private struct GroupState {
        var line: Int
        var originator: String
        var asOfText: String
        var asOfDate: BusinessDate
        var currency: Currency
        var firstRecord: Int
        var accounts = 0
        var total: Int128 = 0
    }

    private struct AccountState {
        var line: Int
        var number: String
        var currency: Currency
        var firstRecord: Int
        var total: Int128 = 0
        var opening: Money?
        var closing: Money?
        var lines: [BankLine] = []
    }

    let fileName: String
    private var file: FileState?
    private var group: GroupState?
    private var account: AccountState?
    private var ended = false
    /// Physical records read so far, 88s included: what the trailers count.
    private var recordCount = 0
    /// Physical records before the current record: where a group or an account starts.
    private var recordsBefore = 0
    private var lastLine = 0
    private var statements: [BankStatement] = []

    init(fileName: String) { self.fileName = fileName }

    private func failure(_ field: String, _ message: String, line: Int) -> DomainError {
        DomainError(field: field, message, location: "\(fileName):\(line)")
    }

    mutating func read(_ record: BAI2Record) throws(DomainError) {
        var name: String { "\(record.code) \(BAI2Tokenizer.recordNames[record.code] ?? "record")" }
        guard !ended else { throw failure(record.code, "\(name) after the 99 file trailer", line: record.line) }
        let inOrder = switch record.code {
        case "01": file == nil
        case "02", "99": file != nil && group == nil
        case "03", "98": group != nil && account == nil
        default: account != nil // 16, 49
        }
        guard inOrder else { throw failure(record.code, "\(name) out of order: expected \(expected)", line: record.line) }
        recordsBefore = recordCount
        recordCount += record.parts.count
        lastLine = record.parts[record.parts.count - 1].line
        var fields = BAI2FieldReader(record)
        switch record.code {
        case "01": try readFileHeader(&fields, line: record.line)
        case "02": try readGroupHeader(&fields, line: record.line)
        case "03": try readAccount(&fields, line: record.line)
        case "16": try readDetail(&fields, line: record.line)
        case "49": try readAccountTrailer(&fields, line: record.line)
        case "98": try readGroupTrailer(&fields, line: record.line)
        default: try readFileTrailer(&fields, line: record.line)
        }
    }

    private var expected: String {
        if file == nil { return "the 01 file header first" }
        if let account { return "a 16 transaction detail or the 49 trailer of account \(account.number) (03 at line \(account.line))" }
        if let group { return "a 03 account identifier or the 98 trailer of the group at line \(group.line)" }
        return "a 02 group header or the 99 file trailer"
    }

    /// The file, once its 99 trailer has been read.
    func finish() throws(DomainError) -> BankFile {
        guard ended, let file else {
            let (field, what): (String, String) =
                if file == nil { ("01", "no 01 file header: the file is empty") }
                else if let account { ("49", "no 49 account trailer for account \(account.number) (03 at line \(account.line))") }
                else if let group { ("98", "no 98 group trailer for the group at line \(group.line)") }
                else { ("99", "no 99 file trailer") }
            throw failure(field, "the file is cut short: \(what)", line: max(lastLine, 1))
        }
        return BankFile(format: .bai2, fileName: fileName, fileID: file.id, statements: statements)
    }

    // MARK: Headers

    private mutating func readFileHeader(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        let sender = Self.text(fields.next())
        _ = fields.next() // receiver
        let created = Self.text(fields.next())
        _ = try date(created, field: "01.file creation date", line: line)
        _ = fields.next() // creation time: some banks write hh:mm:ss; not used
        let fileID = Self.text(fields.next())
        _ = fields.next() // physical record length
        _ = fields.next() // block size
        let version = Self.text(fields.next())
        guard version.isEmpty || Int(version) == 2 else {
            throw failure("01.version", "BAI version '\(version)' is not supported: only version 2", line: line)
        }
        file = FileState(id: "\(sender)/\(created)/\(fileID)")
    }

    private mutating func readGroupHeader(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        _ = fields.next() // ultimate receiver
        let originator = Self.text(fields.next())
        _ = fields.next() // group status
        let asOfLine = fields.line
        let asOf = Self.text(fields.next())
        let asOfDate = try date(asOf, field: "02.as-of date", line: asOfLine)
        _ = fields.next() // as-of time
        let currencyLine = fields.line
        let currency = try currency(Self.text(fields.next()), default: .USD, field: "02.currency", line: currencyLine)
        group = GroupState(line: line, originator: originator, asOfText: asOf, asOfDate: asOfDate, currency: currency,
                           firstRecord: recordsBefore)
    }

    // MARK: Account

    private mutating func readAccount(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        guard let group else { return }
        let number = Self.text(fields.next())
        guard !number.isEmpty else { throw failure("03.account number", "the account number is missing", line: line) }
        let currencyLine = fields.line
        let currency = try currency(Self.text(fields.next()), default: group.currency, field: "03.currency", line: currencyLine)
        var account = AccountState(line: line, number: number, currency: currency, firstRecord: recordsBefore)
        // Summaries and status: type code, amount, item count, funds type (+ its own fields), repeated.
        while true {
            fields.skipEmptyTail()
            let codeLine = fields.line
            guard let code = fields.next() else { break }
            let typeCode = try typeCode(code, field: "03.type code", line: codeLine)
            let amountLine = fields.line
            let amount = try amount(fields.next(), field: "03.amount", signed: true, line: amountLine)
            let countLine = fields.line
            let count = Self.text(fields.next())
            guard count.allSatisfy(\.isBAI2Digit) else {
                throw failure("03.item count", "'\(count)' is not an item count", line: countLine)
            }
            _ = try fundsType(&fields, record: "03")
            // The account control total is the algebraic sum of every 03 and 16 amount as written.
            account.total += Int128(amount ?? 0)
            if let amount, typeCode == 10, account.opening == nil { account.opening = Money(minorUnits: amount, currency: currency) }
            if let amount, typeCode == 15, account.closing == nil { account.closing = Money(minorUnits: amount, currency: currency) }
        }
        self.account = account
    }

    private mutating func readDetail(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        guard let group, var account else { return }
        // NB: the state gives up its copy while the line is added, or every append would copy
        // all the account's lines (a 50,000-line file took quadratic time).
        self.account = nil
        defer { self.account = account }
        let codeLine = fields.line
        let code = try typeCode(fields.next() ?? "", field: "16.type code", line: codeLine)
        let amountLine = fields.line
        let amount = try amount(fields.next(), field: "16.amount", signed: false, line: amountLine) ?? 0
        let valueDate = try fundsType(&fields, record: "16")
        let bankReference = Self.text(fields.next())
        let customerReference = Self.text(fields.next())
        let text = fields.remainingText()
        account.total += Int128(amount)
        let direction: BankLine.Direction
        switch BAI2TypeCode.kind(code) {
        case .credit: direction = .credit
        case .debit: direction = .debit
        case .informational:
            return
        }
        account.lines.append(BankLine(
            sourceLine: line, bankReference: bankReference.isEmpty ? nil : bankReference,
            customerReference: customerReference.isEmpty ? nil : customerReference,
            amount: Money(minorUnits: amount, currency: account.currency), direction: direction,
            bookingDate: group.asOfDate, valueDate: valueDate, typeCode: Self.threeDigits(code),
            isReversal: BAI2TypeCode.reversals.contains(code), isBooked: true, payerName: nil, payerAccount: nil,
            structuredReferences: [], text: text))
    }

    // MARK: Trailers

    private mutating func readAccountTrailer(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        guard var group, let account else { return }
        let total = try controlTotal(fields.next(), field: "49.control total", line: line)
        let records = try count(fields.next(), field: "49.number of records", line: line)
        if let total, total != account.total {
            throw failure("49.control total", "the account control total is \(total) but the 03 and 16 amounts of account "
                          + "\(account.number) (03 at line \(account.line)) add up to \(account.total)", line: line)
        }
        let found = recordCount - account.firstRecord
        guard records == found else {
            throw failure("49.number of records", "the trailer counts \(records) records but account \(account.number) has "
                          + "\(found) (03 at line \(account.line) to this 49, 88 continuations included)", line: line)
        }
        statements.append(BankStatement(
            accountNumber: account.number, currency: account.currency,
            statementID: "\(group.originator)/\(group.asOfText)/\(account.number)", date: group.asOfDate,
            openingBalance: account.opening, closingBalance: account.closing, lines: account.lines))
        // Checked (or blank): the group total adds the accounts' own figures.
        group.total += account.total
        group.accounts += 1
        self.group = group
        self.account = nil
    }

    private mutating func readGroupTrailer(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        guard var file, let group else { return }
        let total = try controlTotal(fields.next(), field: "98.control total", line: line)
        let accounts = try count(fields.next(), field: "98.number of accounts", line: line)
        let records = try count(fields.next(), field: "98.number of records", line: line)
        if let total, total != group.total {
            throw failure("98.control total", "the group control total is \(total) but the 49 totals of the group "
                          + "(02 at line \(group.line)) add up to \(group.total)", line: line)
        }
        guard accounts == group.accounts else {
            throw failure("98.number of accounts", "the trailer counts \(accounts) accounts but the group "
                          + "(02 at line \(group.line)) has \(group.accounts)", line: line)
        }
        let found = recordCount - group.firstRecord
        guard records == found else {
            throw failure("98.number of records", "the trailer counts \(records) records but the group has \(found) "
                          + "(02 at line \(group.line) to this 98, 88 continuations included)", line: line)
        }
        file.total += group.total
        file.groups += 1
        self.file = file
        self.group = nil
    }

    private mutating func readFileTrailer(_ fields: inout BAI2FieldReader, line: Int) throws(DomainError) {
        guard let file else { return }
        let total = try controlTotal(fields.next(), field: "99.control total", line: line)
        let groups = try count(fields.next(), field: "99.number of groups", line: line)
        let records = try count(fields.next(), field: "99.number of records", line: line)
        if let total, total != file.total {
            throw failure("99.control total", "the file control total is \(total) but the 98 totals add up to \(file.total)",
                          line: line)
        }
        guard groups == file.groups else {
            throw failure("99.number of groups", "the trailer counts \(groups) groups but the file has \(file.groups)", line: line)
        }
        guard records == recordCount else {
            throw failure("99.number of records", "the trailer counts \(records) records but the file has \(recordCount) "
                          + "(01 to 99, 88 continuations included)", line: line)
        }
        ended = true
    }

    // MARK: Fields

    /// A field without the blanks around it. Most fields have none: they are returned as they are,
    /// without Foundation's trimming (a third of the time of reading a large file).
    private static func text(_ field: String?) -> String { field.map(trimmingBlanks) ?? "" }

    private static func threeDigits(_ code: Int) -> String {
        let digits = String(code)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    private func typeCode(_ field: String, field name: String, line: Int) throws(DomainError) -> Int {
        let text = Self.text(field)
        guard text.count == 3, text.allSatisfy(\.isBAI2Digit), let code = Int(text) else {
            throw failure(name, "'\(text)' is not a type code (three digits)", line: line)
        }
        return code
    }

    /// An amount in minor units: digits, no decimal point; signed only where the spec allows it
    /// (03 summaries, trailers). Nil when the field is empty.
    private func amount(_ field: String?, field name: String, signed: Bool, line: Int,
                        maximumDigits: Int = Money.maximumDigits) throws(DomainError) -> Int64? {
        var digits = Substring(Self.text(field))
        guard !digits.isEmpty else { return nil }
        var negative = false
        if digits.first == "+" || digits.first == "-" {
            negative = digits.first == "-"
            guard !negative || signed else {
                throw failure(name, "'\(digits)' is negative: detail amounts are unsigned, the type code gives the direction",
                              line: line)
            }
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isBAI2Digit) else {
            throw failure(name, "'\(Self.text(field))' is not an amount (digits in minor units, no decimal point)", line: line)
        }
        let significant = digits.drop(while: { $0 == "0" })
        guard significant.count <= maximumDigits, let value = Int64(significant.isEmpty ? "0" : significant) else {
            throw failure(name, "'\(Self.text(field))' is too large", line: line)
        }
        return negative ? -value : value
    }

    /// A trailer's control total; nil when left blank (some banks do not fill the 49's).
    private func controlTotal(_ field: String?, field name: String, line: Int) throws(DomainError) -> Int128? {
        try amount(field, field: name, signed: true, line: line, maximumDigits: 18).map { Int128($0) }
    }

    private func count(_ field: String?, field name: String, line: Int) throws(DomainError) -> Int {
        let text = Self.text(field)
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isBAI2Digit), let value = Int(text) else {
            throw failure(name, text.isEmpty ? "the count is missing" : "'\(text)' is not a count", line: line)
        }
        return value
    }

    /// `YYMMDD`, in the 2000s.
    private func date(_ text: String, field name: String, line: Int) throws(DomainError) -> BusinessDate {
        guard text.utf8.count == 6, text.allSatisfy(\.isBAI2Digit),
              let year = Int(text.prefix(2)), let month = Int(text.dropFirst(2).prefix(2)), let day = Int(text.suffix(2))
        else { throw failure(name, "'\(text)' is not a date (YYMMDD)", line: line) }
        do { return try BusinessDate(year: 2000 + year, month: month, day: day) } catch {
            throw failure(name, "'\(text)' is not a calendar date", line: line)
        }
    }

    private func currency(_ code: String, default fallback: Currency, field name: String, line: Int) throws(DomainError) -> Currency {
        guard !code.isEmpty else { return fallback }
        do { return try Currency(code: code) } catch { throw failure(name, error.message, line: line) }
    }

    /// The funds type and the fields it brings: V a value date and time, S three availability
    /// amounts, D a number of distributions then (days, amount) pairs. Returns the value date.
    /// Availability amounts are a breakdown of the amount, outside the control totals.
    private func fundsType(_ fields: inout BAI2FieldReader, record: String) throws(DomainError) -> BusinessDate? {
        let line = fields.line
        let given = Self.text(fields.next())
        let type = given.utf8.count == 1 && !(0x61...0x7A).contains(given.utf8.first!) ? given : given.uppercased()
        switch type {
        case "", "0", "1", "2", "Z":
            return nil
        case "V":
            let dateLine = fields.line
            let dateText = Self.text(fields.next())
            _ = fields.next() // value time
            return dateText.isEmpty ? nil : try date(dateText, field: "\(record).value date", line: dateLine)
        case "S":
            for _ in 0..<3 {
                let amountLine = fields.line
                _ = try amount(fields.next(), field: "\(record).availability amount", signed: true, line: amountLine)
            }
            return nil
        case "D":
            let distributions = try count(fields.next(), field: "\(record).number of distributions", line: line)
            for _ in 0..<distributions {
                let dayLine = fields.line
                guard let days = fields.next() else {
                    throw failure("\(record).distribution", "\(distributions) distributions announced, fewer given", line: dayLine)
                }
                _ = try count(days, field: "\(record).distribution days", line: dayLine)
                let amountLine = fields.line
                _ = try amount(fields.next(), field: "\(record).distribution amount", signed: true, line: amountLine)
            }
            return nil
        default:
            throw failure("\(record).funds type", "'\(type)' is not a funds type (0, 1, 2, Z, V, S or D)", line: line)
        }
    }
}
