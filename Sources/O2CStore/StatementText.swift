import SQLKit

/// SQL text built for bulk writes: figures and values we produced ourselves (ids, amounts, dates,
/// currency codes, rates) are written into the text; anything a person typed is bound. SQLKit
/// still places each bind with the dialect's placeholder, so the text runs on both databases.
///
/// NB: the bulk posting path writes millions of values; binding each one through `Encodable`
/// costs more than the database's own work, which is why this exists.
struct StatementText: SQLExpression, Sendable {
    private var segments: [(text: String, bind: (any Encodable & Sendable)?)] = []
    private var text = ""

    init(_ start: String = "") { text = start }

    mutating func raw(_ sql: String) { text += sql }

    mutating func integer(_ value: Int64?) {
        if let value { text += String(value) } else { text += "NULL" }
    }

    mutating func integer(_ value: Int) { text += String(value) }

    /// A value we produced ourselves, checked to hold nothing that needs quoting.
    mutating func safeText(_ value: String?) {
        guard let value else { text += "NULL"; return }
        precondition(value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x3A || byte == 0x5F || byte == 0x54 || byte == 0x5A
        }, "not a safe SQL literal: \(value)")
        text += "'" + value + "'"
    }

    /// A value that came from outside: bound, never written into the text.
    mutating func bind(_ value: String?) {
        guard let value else { text += "NULL"; return }
        segments.append((text, value))
        text = ""
    }

    func serialize(to serializer: inout SQLSerializer) {
        for segment in segments {
            serializer.write(segment.text)
            serializer.write(bind: segment.bind!)
        }
        serializer.write(text)
    }
}

/// Runs statements one after another on the transaction's connection while the caller builds
/// the next one: the database works on statement k while Swift writes statement k+1.
struct StatementPipeline {
    let sql: any SQLDatabase
    private var running: Task<Void, any Error>?

    init(sql: any SQLDatabase) { self.sql = sql }

    mutating func submit(_ statement: StatementText) async throws {
        try await running?.value
        let sql = self.sql
        running = Task { try await sql.execute(sql: statement) { _ in } }
    }

    /// Waits for the last statement; every statement has run (or thrown) when this returns.
    mutating func finish() async throws {
        let last = running
        running = nil
        try await last?.value
    }
}
