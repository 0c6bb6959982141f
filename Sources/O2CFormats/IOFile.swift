import Foundation
import O2CDomain

/// Insertion orders from a file (`o2c io import`): JSON (one IO or a list) or CSV (one row per
/// line item, the IO's header repeated), as documented in docs/insertion-orders.md.
public enum IOFile {
    public struct Entry: Sendable {
        public var number: String
        public var terms: IORevision
        /// `file:line` of the IO, for errors found later (an unknown customer).
        public var location: String
    }

    public static func read(_ data: Data, fileName: String) throws -> [Entry] {
        let (entries, errors) = parse(data, fileName: fileName)
        if !errors.isEmpty { throw FileErrors(errors) }
        return entries
    }

    /// The IOs that read well, and every problem found with the others.
    public static func parse(_ data: Data, fileName: String) -> (entries: [Entry], errors: [DomainError]) {
        let looksJSON = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) })
            .map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } ?? false
        var (entries, errors) = looksJSON || fileName.lowercased().hasSuffix(".json") ? readJSON(data, fileName: fileName) : readCSV(data, fileName: fileName)
        var seen: [String: String] = [:]
        for entry in entries {
            if let first = seen[entry.number] {
                errors.append(DomainError(field: "number", "\(entry.number) appears twice (first at \(first))", location: entry.location))
            }
            seen[entry.number] = entry.location
        }
        entries = entries.filter { entry in seen[entry.number] == entry.location }
        return (entries, errors)
    }

    // MARK: JSON

    static let headerKeys: Set<String> = ["number", "advertiser", "agency", "bill_to", "currency", "payment_terms", "po_number", "sales_owner", "notes", "lines"]
    static let lineKeys: Set<String> = ["line", "product", "pricing", "flight_start", "flight_end", "quantity", "rate", "budget_cap", "billing_source", "tolerance"]

    static func readJSON(_ data: Data, fileName: String) -> ([Entry], [DomainError]) {
        let document: JSONValue
        do { document = try JSONDocument.parse(data, fileName: fileName) } catch { return ([], [error]) }
        let items: [JSONValue]
        if case .array(let list, _) = document { items = list } else { items = [document] }
        var entries: [Entry] = []
        var errors: [DomainError] = []
        for item in items {
            do { entries.append(try entry(item, fileName: fileName)) } catch let failure as FileErrors { errors += failure.errors } catch {}
        }
        return (entries, errors)
    }

    static func entry(_ value: JSONValue, fileName: String) throws -> Entry {
        let at = "\(fileName):\(value.line)"
        guard case .object(let members, _) = value else { throw FileErrors([DomainError(field: "", "an IO is a JSON object", location: at)]) }
        var errors: [DomainError] = []
        for member in members where !headerKeys.contains(member.key) {
            errors.append(DomainError(field: member.key, "unknown field (fields: \(headerKeys.sorted().joined(separator: ", ")))", location: "\(fileName):\(member.value.line)"))
        }
        func text(_ v: JSONValue?, _ field: String) -> String? {
            guard let v else { return nil }
            switch v {
            case .string(let s, _): return s.isEmpty ? nil : s
            case .null: return nil
            default: errors.append(DomainError(field: field, "must be a string, not \(v.typeName)", location: "\(fileName):\(v.line)")); return nil
            }
        }
        var header: [String: String] = [:]
        for key in headerKeys where key != "lines" { if let t = text(value[key], key) { header[key] = t } }
        var lineCells: [(cells: [String: String], at: String)] = []
        if let lines = value["lines"] {
            if case .array(let list, _) = lines {
                for line in list {
                    guard case .object(let lineMembers, _) = line else {
                        errors.append(DomainError(field: "lines", "a line is a JSON object", location: "\(fileName):\(line.line)")); continue
                    }
                    var cells: [String: String] = [:]
                    for member in lineMembers {
                        guard lineKeys.contains(member.key) else {
                            errors.append(DomainError(field: member.key, "unknown field (fields: \(lineKeys.sorted().joined(separator: ", ")))", location: "\(fileName):\(member.value.line)"))
                            continue
                        }
                        switch member.value {
                        case .string(let s, _): cells[member.key] = s
                        case .number(let n, _) where member.key == "line" || member.key == "quantity": cells[member.key] = n
                        case .number(_, let l):
                            errors.append(DomainError(field: member.key, "write it as a string, so no tool reads it as floating point", location: "\(fileName):\(l)"))
                        case .null: break
                        default: errors.append(DomainError(field: member.key, "must be a string, not \(member.value.typeName)", location: "\(fileName):\(member.value.line)"))
                        }
                    }
                    lineCells.append((cells, "\(fileName):\(line.line)"))
                }
            } else {
                errors.append(DomainError(field: "lines", "must be a list of lines", location: "\(fileName):\(lines.line)"))
            }
        }
        do {
            let entry = try build(header: header, lines: lineCells, at: at)
            if errors.isEmpty { return entry }
        } catch let failure as FileErrors { errors += failure.errors }
        throw FileErrors(errors)
    }

    // MARK: CSV

    static let csvHeader = ["io_number"] + headerKeys.filter { $0 != "lines" && $0 != "number" }.sorted() + lineKeys.sorted()

    static func readCSV(_ data: Data, fileName: String) -> ([Entry], [DomainError]) {
        let table: CSVTable
        do { table = try CSVTable(data, fileName: fileName) } catch { return ([], [error]) }
        var errors: [DomainError] = []
        for name in table.header where !csvHeader.contains(name) {
            errors.append(DomainError(field: name, "unknown column (columns: \(csvHeader.joined(separator: ", ")))", location: "\(fileName):1"))
        }
        guard table.header.contains("io_number") else { return ([], [DomainError(field: "io_number", "the header needs an io_number column", location: "\(fileName):1")]) }
        var order: [String] = []
        var groups: [String: (header: [String: String], lines: [(cells: [String: String], at: String)], at: String)] = [:]
        for record in table.records {
            let row = table.row(record).filter { !$0.value.isEmpty }
            let at = "\(fileName):\(record.line)"
            guard let number = row["io_number"] else { errors.append(DomainError(field: "io_number", "empty", location: at)); continue }
            var header = row.filter { headerKeys.contains($0.key) }
            header["number"] = number
            let line = row.filter { lineKeys.contains($0.key) }
            if var group = groups[number] {
                for key in headerKeys where key != "lines" && group.header[key] != header[key] {
                    errors.append(DomainError(field: key, "differs from the IO's first row (line \(group.at.split(separator: ":").last ?? ""))", location: at))
                }
                group.lines.append((line, at))
                groups[number] = group
            } else {
                order.append(number)
                groups[number] = (header, [(line, at)], at)
            }
        }
        var entries: [Entry] = []
        for number in order {
            let group = groups[number]!
            do { entries.append(try build(header: group.header, lines: group.lines, at: group.at)) } catch let failure as FileErrors { errors += failure.errors } catch {}
        }
        return (entries, errors)
    }

    // MARK: Both

    /// Builds an IO's terms from its cells, reporting every problem with its field and place.
    static func build(header: [String: String], lines: [(cells: [String: String], at: String)], at: String) throws -> Entry {
        var errors: [DomainError] = []
        func need(_ key: String) -> String? {
            if let v = header[key] { return v }
            errors.append(DomainError(field: key, "missing", location: at))
            return nil
        }
        let number = need("number") ?? ""
        if !number.isEmpty, !number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "/") }) {
            errors.append(DomainError(field: "number", "'\(number)' is not an IO number (letters, digits, '-', '_', '/')", location: at))
        }
        let advertiser = need("advertiser")
        let billTo = header["bill_to"] ?? header["agency"] ?? advertiser
        var currency: Currency?
        if let c = need("currency") { do { currency = try Currency(code: c) } catch { errors.append(error.at(at)) } }
        var terms: PaymentTerms?
        if let t = need("payment_terms") { do { terms = try PaymentTerms(parsing: t) } catch { errors.append(error.at(at)) } }
        var ioLines: [IOLine] = []
        if lines.isEmpty || lines.allSatisfy({ $0.cells.isEmpty }) {
            errors.append(DomainError(field: "lines", "an IO needs at least one line", location: at))
        }
        for (index, (cells, lineAt)) in lines.enumerated() {
            func cell(_ key: String) -> String? {
                if let v = cells[key], !v.isEmpty { return v }
                errors.append(DomainError(field: key, "missing", location: lineAt))
                return nil
            }
            let number = cells["line"].flatMap { Int($0) } ?? (index + 1)
            if let raw = cells["line"], Int(raw) == nil { errors.append(DomainError(field: "line", "'\(raw)' is not a line number", location: lineAt)) }
            let product = cell("product")
            var pricing: PricingModel?
            if let p = cell("pricing") {
                pricing = PricingModel(rawValue: p.lowercased())
                if pricing == nil { errors.append(DomainError(field: "pricing", "'\(p)' is not cpm, cpc, cpcv or flat", location: lineAt)) }
            }
            var start: BusinessDate?, end: BusinessDate?
            if let s = cell("flight_start") { do { start = try BusinessDate(parsing: s, field: "flight_start") } catch { errors.append(error.at(lineAt)) } }
            if let e = cell("flight_end") { do { end = try BusinessDate(parsing: e, field: "flight_end") } catch { errors.append(error.at(lineAt)) } }
            var quantity: Int64? = pricing == .flatFee && cells["quantity"] == nil ? 1 : nil
            if quantity == nil, let q = cell("quantity") {
                let digits = q.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
                quantity = Int64(digits)
                if quantity == nil { errors.append(DomainError(field: "quantity", "'\(q)' is not a whole number of units", location: lineAt)) }
            }
            var rate: ExactDecimal?
            if let r = cell("rate") { do { rate = try ExactDecimal(parsing: r, field: "rate") } catch { errors.append(error.at(lineAt)) } }
            var cap: Money?
            if let c = cells["budget_cap"], !c.isEmpty, let currency {
                do { cap = try AmountFormat.parseUnambiguous(c, currency: currency, field: "budget_cap") } catch { errors.append(error.at(lineAt)) }
            }
            var source = BillingSource.firstParty
            if let s = cells["billing_source"], !s.isEmpty {
                if let parsed = BillingSource(rawValue: s.lowercased()) { source = parsed } else {
                    errors.append(DomainError(field: "billing_source", "'\(s)' is not booked, first-party or third-party", location: lineAt))
                }
            }
            var tolerance = ExactDecimal(units: 10, scale: 2)
            if let t = cells["tolerance"], !t.isEmpty {
                do {
                    // "10%" and "0.10" both mean ten per cent.
                    if t.hasSuffix("%") {
                        let percent = try ExactDecimal(parsing: String(t.dropLast()), field: "tolerance")
                        tolerance = ExactDecimal(units: percent.units, scale: percent.scale + 2)
                    } else { tolerance = try ExactDecimal(parsing: t, field: "tolerance") }
                } catch { errors.append(error.at(lineAt)) }
            }
            if let product, let pricing, let start, let end, let quantity, let rate, let currency {
                let line = IOLine(number: number, product: product, pricing: pricing, flightStart: start, flightEnd: end, bookedQuantity: quantity,
                                  unitRate: rate, budgetCap: cap, billingSource: source, discrepancyTolerance: tolerance)
                do { try line.validate(currency: currency) } catch {
                    var e = error
                    e.field = String(e.field.split(separator: ".").last ?? "")
                    errors.append(e.at(lineAt))
                }
                ioLines.append(line)
            }
        }
        if errors.isEmpty, let advertiser, let billTo, let currency, let terms {
            let revision = IORevision(advertiser: advertiser, agency: header["agency"], billTo: billTo, currency: currency, paymentTerms: terms,
                                      poNumber: header["po_number"], salesOwner: header["sales_owner"], notes: header["notes"], lines: ioLines)
            do { try revision.validate() } catch { errors.append(error.at(at)) }
            if errors.isEmpty { return Entry(number: number, terms: revision, location: at) }
        }
        throw FileErrors(errors)
    }
}
