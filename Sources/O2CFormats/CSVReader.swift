import Foundation
import O2CDomain

/// A CSV file read strictly (RFC 4180: commas, double quotes, CRLF or LF), each record with the
/// line it starts on, so that errors name file, line and column.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    public let fileName: String
    public let header: [String]
    public let records: [Record]

    /// Reads `data`; the first record is the header. Names in the header are trimmed and lower-cased.
    /// Works on the UTF-8 bytes (the separators are ASCII): delivery and bank files run to
    /// millions of fields.
    public init(_ data: Data, fileName: String) throws(DomainError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DomainError(field: "", "the file is not UTF-8 text", location: fileName)
        }
        var records: [Record] = []
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        try bytes.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(DomainError) in
            let count = buffer.count
            var index = 0
            // A field is a slice of the buffer until it needs unescaping (quotes, a carriage
            // return): then its bytes are copied into `field`.
            var start = 0
            var field: [UInt8] = []
            var copying = false
            func endField(at end: Int) {
                if copying {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    copying = false
                } else {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
                }
            }
            func startCopying(until end: Int) {
                guard !copying else { return }
                field.append(contentsOf: buffer[start..<end])
                copying = true
            }
            func endRecord(at end: Int) {
                endField(at: end)
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
                fields.removeAll(keepingCapacity: true)
            }
            while index < count {
                let byte = buffer[index]
                index += 1
                if inQuotes {
                    if byte == quote {
                        if index < count && buffer[index] == quote { field.append(quote); index += 1 } else { inQuotes = false; afterQuote = true }
                    } else {
                        if byte == newline { line += 1 }
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case comma:
                    endField(at: index - 1); start = index; afterQuote = false
                case carriageReturn:
                    startCopying(until: index - 1)
                case newline:
                    endRecord(at: index - 1); start = index; line += 1; recordLine = line; afterQuote = false
                case quote:
                    guard index - 1 == start && !copying && !afterQuote else {
                        throw DomainError(field: "", "a quote inside an unquoted field (quote the whole field and double inner quotes)", location: "\(fileName):\(line)")
                    }
                    copying = true
                    inQuotes = true
                default:
                    if afterQuote { throw DomainError(field: "", "text after a closing quote", location: "\(fileName):\(line)") }
                    if copying { field.append(byte) }
                }
            }
            if !inQuotes && (index > start || copying || !fields.isEmpty) { endRecord(at: count) }
        }
        if inQuotes { throw DomainError(field: "", "a quoted field is not closed", location: "\(fileName):\(recordLine)") }
        guard let first = records.first else { throw DomainError(field: "", "the file is empty: a header line is expected", location: "\(fileName):1") }
        self.fileName = fileName
        self.header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.records = Array(records.dropFirst())
        var seen = Set<String>()
        for name in header {
            guard !name.isEmpty else { throw DomainError(field: "", "the header has an empty column name", location: "\(fileName):1") }
            guard seen.insert(name).inserted else { throw DomainError(field: name, "the column appears twice in the header", location: "\(fileName):1") }
        }
        for record in self.records where record.fields.count != header.count {
            throw DomainError(field: "", "\(record.fields.count) fields where the header has \(header.count)", location: "\(fileName):\(record.line)")
        }
    }

    /// The record's fields by column name (trimmed).
    public func row(_ record: Record) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(header, record.fields.map(Self.trimmed)))
    }

    /// The position of a column, for reading many records without a dictionary each.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// A record's field at a column position (trimmed); empty when the column is absent.
    public func value(_ record: Record, _ column: Int?) -> String {
        guard let column else { return "" }
        return Self.trimmed(record.fields[column])
    }

    /// Without the spaces around it (not line breaks, which only a quoted field holds).
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last, Self.isSpace(first) || Self.isSpace(last) || first >= 0x80 || last >= 0x80 else {
            return text
        }
        let isBlank = { (c: Character) in c.isWhitespace && !c.isNewline }
        guard let start = text.firstIndex(where: { !isBlank($0) }), let end = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[start...end])
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

/// Several errors found in one file: all of them are reported, nothing is written.
public struct FileErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [DomainError]
    public init(_ errors: [DomainError]) { self.errors = errors }
    public var description: String {
        "\(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was imported:\n" + errors.map { "  \($0)" }.joined(separator: "\n")
    }
}
