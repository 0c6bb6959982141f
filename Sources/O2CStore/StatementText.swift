import SQLKit

/// SQL text built for bulk writes: figures and values we produced ourselves (ids, amounts, dates,
/// currency codes, rates) are written into the text; anything a person typed is bound. SQLKit
/// still places each bind with the dialect's placeholder, so the text runs on both databases.
///
/// NB: the bulk posting path writes millions of values; binding each one through `Encodable`
/// costs more than the database's own work, which is why this exists.
struct StatementText: SQLExpression, Sendable {
    private var segments: [(text: [UInt8], bind: any Encodable & Sendable)] = []
    // NB: bytes, not a String: appending millions of small strings dominated the cost of posting.
    private var text: [UInt8] = []

    init(_ start: String = "") {
        text.reserveCapacity(1 << 16)
        text.append(contentsOf: start.utf8)
    }

    mutating func raw(_ sql: StaticString) {
        sql.withUTF8Buffer { text.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int64?) {
        guard let value else { raw("NULL"); return }
        if value == 0 { text.append(0x30); return }
        var magnitude = value.magnitude
        if value < 0 { text.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            }
            text.append(contentsOf: buffer[(20 - count)...])
        }
    }

    mutating func integer(_ value: Int) { integer(Int64(value)) }

    /// A value we produced ourselves, checked to hold nothing that needs quoting.
    mutating func safeText(_ value: String?) {
        guard let value else { raw("NULL"); return }
        text.append(0x27)
        for byte in value.utf8 {
            precondition((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                            || byte == 0x2D || byte == 0x2E || byte == 0x3A || byte == 0x5F, "not a safe SQL literal: \(value)")
            text.append(byte)
        }
        text.append(0x27)
    }

    /// A value that came from outside: bound, never written into the text.
    mutating func bind(_ value: String?) {
        guard let value else { raw("NULL"); return }
        segments.append((text, value))
        text = []
    }

    func serialize(to serializer: inout SQLSerializer) {
        for segment in segments {
            serializer.write(String(decoding: segment.text, as: UTF8.self))
            serializer.write(bind: segment.bind)
        }
        serializer.write(String(decoding: text, as: UTF8.self))
    }
}
