import Foundation
import O2CDomain

/// A JSON value that remembers the line it was written on, so that an error in a file people
/// wrote by hand names the file, the line and the field.
public indirect enum JSONValue: Sendable, Equatable {
    case null(line: Int)
    case bool(Bool, line: Int)
    /// Numbers keep their text: amounts must never pass through a Double.
    case number(String, line: Int)
    case string(String, line: Int)
    case array([JSONValue], line: Int)
    case object([(key: String, value: JSONValue)], line: Int)

    public var line: Int {
        switch self {
        case .null(let l), .bool(_, let l), .number(_, let l), .string(_, let l), .array(_, let l), .object(_, let l): l
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a, _), .bool(b, _)): a == b
        case let (.number(a, _), .number(b, _)): a == b
        case let (.string(a, _), .string(b, _)): a == b
        case let (.array(a, _), .array(b, _)): a == b
        case let (.object(a, _), .object(b, _)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members, _) = self { return members.last(where: { $0.key == key })?.value }
        return nil
    }

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// A small strict JSON reader (RFC 8259) that tracks line numbers.
public struct JSONDocument {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private let fileName: String

    /// Parses `data`; errors carry `file:line`.
    public static func parse(_ data: Data, fileName: String) throws(DomainError) -> JSONValue {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a UTF-8 byte-order mark, as some editors write
        var reader = JSONDocument(bytes: bytes, fileName: fileName)
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
    }

    private func error(_ message: String) -> DomainError {
        DomainError(field: "", "invalid JSON: \(message)", location: "\(fileName):\(line)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: String) throws(DomainError) {
        for byte in literal.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw error("expected '\(literal)'") }
            index += 1
        }
    }

    private mutating func value() throws(DomainError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of file") }
        let start = line
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, line: start) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyLine = line
                let key = try string()
                if members.contains(where: { $0.key == key }) {
                    throw DomainError(field: key, "appears twice in the same object", location: "\(fileName):\(keyLine)")
                }
                skipWhitespace()
                try expect(":")
                skipWhitespace()
                members.append((key, try value()))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of file in an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, line: start) }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items, line: start) }
            while true {
                skipWhitespace()
                items.append(try value())
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of file in a list") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items, line: start) }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try string(), line: start)
        case UInt8(ascii: "t"): try expect("true"); return .bool(true, line: start)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false, line: start)
        case UInt8(ascii: "n"): try expect("null"); return .null(line: start)
        default:
            let begin = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[begin..<index], as: UTF8.self)
            guard !text.isEmpty, text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil else {
                throw error("unexpected character")
            }
            return .number(text, line: start)
        }
    }

    private mutating func string() throws(DomainError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flushRaw() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flushRaw()
                return String(scalars)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw error("unfinished escape") }
                let escaped = bytes[index]
                index += 1
                flushRaw()
                switch escaped {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                        throw error("bad \\u escape")
                    }
                    index += 4
                    var value = code
                    if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                       let low = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                        index += 6
                        value = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw error("bad \\u escape") }
                    scalars.append(scalar)
                default: throw error("unknown escape")
                }
            case 0x0A: throw error("line break inside a string")
            default: raw.append(byte)
            }
        }
        throw error("unfinished string")
    }
}
