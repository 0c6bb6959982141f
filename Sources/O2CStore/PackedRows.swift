import SQLKit

/// Many rows read back as one text: the database joins each row's columns with U+001F and the
/// rows with U+001E (`group_concat` / `string_agg`). Decoding a hundred thousand rows one by one
/// through the driver cost more than running the query; one text is split here byte by byte.
/// A NULL travels as U+0015, so that it reads apart from an empty text.
struct PackedRows {
    private let bytes: [UInt8]
    /// Each row's fields, as byte ranges into `bytes`.
    private(set) var rows: [[Range<Int>]] = []

    /// The one column of the aggregate select of `columns` (SQL expressions) in `flavor`.
    static func aggregate(_ columns: [String], _ flavor: SQLFlavor) -> String {
        let unit = flavor == .sqlite ? "char(31)" : "chr(31)"
        let null = flavor == .sqlite ? "char(21)" : "chr(21)"
        let row = columns.map { "COALESCE(CAST(\($0) AS TEXT), \(null))" }.joined(separator: " || \(unit) || ")
        return flavor == .sqlite ? "group_concat(\(row), char(30))" : "string_agg(\(row), chr(30))"
    }

    init(_ text: String?, columns: Int) throws {
        bytes = Array((text ?? "").utf8)
        guard !bytes.isEmpty else { return }
        var fields: [Range<Int>] = []
        fields.reserveCapacity(columns)
        var start = 0
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : 0x1E
            guard byte == 0x1F || byte == 0x1E else { continue }
            fields.append(start..<index)
            start = index + 1
            if byte == 0x1E {
                guard fields.count == columns else { throw StoreError("a packed row has \(fields.count) fields, \(columns) expected (a value holds U+001E or U+001F)") }
                rows.append(fields)
                fields.removeAll(keepingCapacity: true)
            }
        }
    }

    func string(_ row: Int, _ column: Int) -> String { String(decoding: bytes[rows[row][column]], as: UTF8.self) }

    func isNull(_ row: Int, _ column: Int) -> Bool {
        let range = rows[row][column]
        return range.count == 1 && bytes[range.lowerBound] == 0x15
    }

    func optionalString(_ row: Int, _ column: Int) -> String? { isNull(row, column) ? nil : string(row, column) }

    func optionalInteger(_ row: Int, _ column: Int) throws -> Int64? { isNull(row, column) ? nil : try integer(row, column) }

    func integer(_ row: Int, _ column: Int) throws -> Int64 {
        let range = rows[row][column]
        var value: Int64 = 0
        var negative = false
        for index in range {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") && index == range.lowerBound { negative = true; continue }
            guard byte >= 0x30 && byte <= 0x39 else { throw StoreError("'\(string(row, column))' is not an integer") }
            value = value * 10 + Int64(byte - 0x30)
        }
        return negative ? -value : value
    }
}

extension BulkRows {
    /// The rows as a derived table `alias` with columns `c0`, `c1`, … to join queries against.
    func table(_ alias: String, _ flavor: SQLFlavor) -> SQLQueryString {
        let columns = self.columns.enumerated().map { index, column in
            switch flavor {
            case .sqlite: "j.value->>\(index) AS c\(index)"
            case .postgres: column.kind == .integer ? "(j->>\(index))::bigint AS c\(index)" : "j->>\(index) AS c\(index)"
            }
        }.joined(separator: ", ")
        var query = SQLQueryString(stringLiteral: "(SELECT \(columns) FROM ")
        query += source(flavor)
        query += SQLQueryString(stringLiteral: ") AS \(alias)")
        return query
    }
}

extension Transaction {
    /// Runs `query`, whose one column `packed` is a `PackedRows.aggregate`, and splits it.
    func packedRows(_ query: SQLQueryString, columns: Int) async throws -> PackedRows {
        try PackedRows(try await sql.raw(query).first()?.decode(column: "packed", as: String?.self), columns: columns)
    }
}
