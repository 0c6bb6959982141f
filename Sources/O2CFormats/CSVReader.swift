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
    public init(_ data: Data, fileName: String) throws(DomainError) {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw DomainError(field: "", "the file is not UTF-8 text", location: fileName)
        }
        var records: [Record] = []
        var field = ""
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field); field = ""; afterQuote = false
            case "\r":
                continue
            case "\n":
                endRecord(); line += 1; recordLine = line; afterQuote = false
            case "\"":
                guard field.isEmpty && !afterQuote else {
                    throw DomainError(field: "", "a quote inside an unquoted field (quote the whole field and double inner quotes)", location: "\(fileName):\(line)")
                }
                inQuotes = true
            default:
                if afterQuote { throw DomainError(field: "", "text after a closing quote", location: "\(fileName):\(line)") }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw DomainError(field: "", "a quoted field is not closed", location: "\(fileName):\(recordLine)") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
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
        Dictionary(uniqueKeysWithValues: zip(header, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }))
    }
}

/// Several errors found in one file: all of them are reported, nothing is written.
public struct FileErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [DomainError]
    public init(_ errors: [DomainError]) { self.errors = errors }
    public var description: String {
        "\(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was imported:\n" + errors.map { "  \($0)" }.joined(separator: "\n")
    }
}
