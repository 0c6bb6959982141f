import SQLKit

/// Many rows written with one statement and one bound value: the rows travel as a JSON array
/// that the database unpacks itself (`json_each` on SQLite, `jsonb_array_elements` on
/// PostgreSQL). SQLite-NIO prepares every statement anew, so a statement's text must stay short
/// however many rows it carries: parsing a `VALUES` list of thousands of rows cost more than
/// storing them.
struct BulkRows {
    enum Kind { case integer, text }

    let table: String
    let columns: [(name: String, kind: Kind)]
    private(set) var count = 0
    private var json: [UInt8] = [UInt8(ascii: "[")]
    private var valuesInRow = 0

    init(_ table: String, _ columns: [(String, Kind)]) {
        self.table = table
        self.columns = columns.map { (name: $0.0, kind: $0.1) }
    }

    var isEmpty: Bool { count == 0 }

    mutating func beginRow() {
        if count > 0 { json.append(UInt8(ascii: ",")) }
        json.append(UInt8(ascii: "["))
        valuesInRow = 0
    }

    mutating func endRow() {
        precondition(valuesInRow == columns.count, "\(table): \(valuesInRow) values for \(columns.count) columns")
        json.append(UInt8(ascii: "]"))
        count += 1
    }

    private mutating func separate() {
        if valuesInRow > 0 { json.append(UInt8(ascii: ",")) }
        valuesInRow += 1
    }

    mutating func integer(_ value: Int64?) {
        separate()
        guard let value else { json.append(contentsOf: "null".utf8); return }
        // Digits written straight into the buffer: a bulk write formats millions of figures.
        if value < 0 { json.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = json.count
        repeat {
            json.append(UInt8(truncatingIfNeeded: magnitude % 10) + 0x30)
            magnitude /= 10
        } while magnitude > 0
        json[start...].reverse()
    }

    mutating func integer(_ value: Int?) { integer(value.map(Int64.init)) }

    mutating func text(_ value: String?) {
        separate()
        guard let value else { json.append(contentsOf: "null".utf8); return }
        json.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): json.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): json.append(contentsOf: [0x5C, 0x5C])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                json.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    /// The JSON array, and how the database reads column `index` of one of its elements.
    private var payload: String { String(decoding: json + [UInt8(ascii: "]")], as: UTF8.self) }

    private func value(_ index: Int, _ flavor: SQLFlavor) -> String {
        switch flavor {
        case .sqlite: "j.value->>\(index)"
        case .postgres: columns[index].kind == .integer ? "(j->>\(index))::bigint" : "j->>\(index)"
        }
    }

    func source(_ flavor: SQLFlavor) -> SQLQueryString {
        switch flavor {
        case .sqlite: "jsonb_each(\(bind: payload)) AS j"
        case .postgres: "jsonb_array_elements(CAST(\(bind: payload) AS jsonb)) AS j"
        }
    }

    /// Updates the rows of `table` whose `key` column matches a row's (the first column), setting
    /// the `set` columns from it and the `constants` to bound values, where `condition` (our own
    /// SQL on the table's columns) holds. Returns how many rows were updated.
    func update(_ tx: Transaction, set: [String], constants: [(column: String, value: String)], condition: String) async throws -> Int {
        guard count > 0 else { return 0 }
        let key = columns[0].name
        let assignments = set.map { name in "\(name) = \(value(columns.firstIndex { $0.name == name }!, tx.flavor))" }
        var query = SQLQueryString(stringLiteral: "UPDATE \(table) SET " + assignments.joined(separator: ", "))
        for constant in constants {
            query += SQLQueryString(stringLiteral: ", \(constant.column) = ")
            query += "\(bind: constant.value)"
        }
        query += " FROM "
        query += source(tx.flavor)
        query += SQLQueryString(stringLiteral: " WHERE \(table).\(key) = \(value(0, tx.flavor)) AND \(condition)")
        // Counted by the database: returning tens of thousands of rows only to count them cost a
        // tenth of a match run.
        switch tx.flavor {
        case .sqlite:
            try await tx.sql.raw(query).run()
            return try await tx.sql.raw("SELECT changes() AS n").first()?.decode(column: "n", as: Int.self) ?? 0
        case .postgres:
            let counted: SQLQueryString = "WITH updated AS (" + query + SQLQueryString(stringLiteral: " RETURNING 1) SELECT COUNT(*) AS n FROM updated")
            return try await tx.sql.raw(counted).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Inserts the rows; returns how many.
    @discardableResult
    func insert(_ tx: Transaction) async throws -> Int {
        guard count > 0 else { return 0 }
        let names = columns.map(\.name).joined(separator: ", ")
        switch tx.flavor {
        case .sqlite:
            let values = columns.indices.map { "value->>\($0)" }.joined(separator: ", ")
            try await tx.sql.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM jsonb_each(\(bind: payload))").run()
        case .postgres:
            let values = columns.enumerated().map { index, column in
                column.kind == .integer ? "(e->>\(index))::bigint" : "e->>\(index)"
            }.joined(separator: ", ")
            try await tx.sql.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: values) FROM jsonb_array_elements(CAST(\(bind: payload) AS jsonb)) AS e").run()
        }
        return count
    }
}
