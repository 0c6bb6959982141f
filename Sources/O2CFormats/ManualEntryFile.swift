import Foundation
import O2CDomain

/// Reads manual journal entries from JSON, as documented in `docs/manual-entry.md`: one entry
/// object, or a list of them (posted together, all or nothing).
///
/// Amounts are strings (`"1234.56"`, `"1,234.56"`, `"1 234,56"`): a JSON number could pass through
/// floating point in some other tool before it reaches us, so numbers are refused.
public enum ManualEntryFile {
    static let entryKeys: Set<String> = ["journal", "date", "description", "reference", "lines"]
    static let lineKeys: Set<String> = ["account", "customer", "debit", "credit", "currency", "rate", "functional_amount", "memo"]

    /// An entry read from a file, with where it and each of its lines stand in the file, so that
    /// a rule broken later (an unknown account, an unbalanced entry) can still be pointed at.
    public struct Entry: Sendable {
        public var draft: JournalEntryDraft
        public var fileName: String
        public var line: Int
        public var lineNumbers: [Int]

        /// Places an error found in this entry at its line in the file.
        public func locate(_ error: DomainError) -> DomainError {
            if error.location != nil { return error }
            if let match = error.field.firstMatch(of: /lines\[([0-9]+)\]/), let index = Int(match.1), index < lineNumbers.count {
                return error.at("\(fileName):\(lineNumbers[index])")
            }
            return error.at("\(fileName):\(line)")
        }
    }

    public static func read(_ data: Data, fileName: String, functionalCurrency: Currency) throws(DomainError) -> [Entry] {
        let document = try JSONDocument.parse(data, fileName: fileName)
        switch document {
        case .array(let items, _):
            guard !items.isEmpty else { throw DomainError(field: "", "the file holds no entry", location: "\(fileName):1") }
            var drafts: [Entry] = []
            for (index, item) in items.enumerated() {
                do { drafts.append(try entry(item, fileName: fileName, functional: functionalCurrency)) } catch {
                    throw error.within("[\(index)]")
                }
            }
            return drafts
        default:
            return [try entry(document, fileName: fileName, functional: functionalCurrency)]
        }
    }

    static func entry(_ value: JSONValue, fileName: String, functional: Currency) throws(DomainError) -> Entry {
        guard case .object(let members, _) = value else {
            throw DomainError(field: "", "an entry is a JSON object, not \(value.typeName)", location: "\(fileName):\(value.line)")
        }
        for member in members where !entryKeys.contains(member.key) {
            throw DomainError(field: member.key, "unknown field (fields: \(entryKeys.sorted().joined(separator: ", ")))", location: "\(fileName):\(member.value.line)")
        }
        func fail(_ field: String, _ message: String, _ at: JSONValue? = nil) -> DomainError {
            DomainError(field: field, message, location: "\(fileName):\((at ?? value).line)")
        }
        let journalText = try optionalString(value["journal"], field: "journal", fileName: fileName) ?? "MIS"
        let journal: JournalKind
        do { journal = try JournalKind(code: journalText) } catch { throw error.at("\(fileName):\(value["journal"]!.line)") }
        guard let dateValue = value["date"] else { throw fail("date", "missing (write it as YYYY-MM-DD)") }
        let date: BusinessDate
        do { date = try BusinessDate(parsing: try string(dateValue, field: "date", fileName: fileName)) } catch {
            throw error.at("\(fileName):\(dateValue.line)")
        }
        guard let description = try optionalString(value["description"], field: "description", fileName: fileName),
              !description.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw fail("description", "missing: say what the entry records") }
        let reference = try optionalString(value["reference"], field: "reference", fileName: fileName)
        guard let linesValue = value["lines"] else { throw fail("lines", "missing: an entry needs at least two lines") }
        guard case .array(let items, _) = linesValue else { throw fail("lines", "must be a list of lines", linesValue) }
        var lines: [JournalLineDraft] = []
        for (index, item) in items.enumerated() {
            do { lines.append(try line(item, fileName: fileName, functional: functional)) } catch {
                throw error.within("lines[\(index)]")
            }
        }
        return Entry(draft: JournalEntryDraft(journal: journal, date: date, description: description, reference: reference, lines: lines),
                     fileName: fileName, line: value.line, lineNumbers: items.map(\.line))
    }

    static func line(_ value: JSONValue, fileName: String, functional: Currency) throws(DomainError) -> JournalLineDraft {
        guard case .object(let members, _) = value else {
            throw DomainError(field: "", "a line is a JSON object, not \(value.typeName)", location: "\(fileName):\(value.line)")
        }
        for member in members where !lineKeys.contains(member.key) {
            throw DomainError(field: member.key, "unknown field (fields: \(lineKeys.sorted().joined(separator: ", ")))", location: "\(fileName):\(member.value.line)")
        }
        guard let account = try optionalString(value["account"], field: "account", fileName: fileName), !account.isEmpty else {
            throw DomainError(field: "account", "missing: every line names an account", location: "\(fileName):\(value.line)")
        }
        let currency: Currency
        if let currencyValue = value["currency"] {
            do { currency = try Currency(code: try string(currencyValue, field: "currency", fileName: fileName)) } catch {
                throw error.at("\(fileName):\(currencyValue.line)")
            }
        } else {
            currency = functional
        }
        let side: Side
        let amountValue: JSONValue
        switch (value["debit"], value["credit"]) {
        case let (debit?, nil): side = .debit; amountValue = debit
        case let (nil, credit?): side = .credit; amountValue = credit
        case (.some, .some): throw DomainError(field: "credit", "a line is a debit or a credit, not both", location: "\(fileName):\(value.line)")
        case (nil, nil): throw DomainError(field: "debit", "missing: give a debit or a credit amount", location: "\(fileName):\(value.line)")
        }
        let amount = try money(amountValue, field: side.rawValue, currency: currency, fileName: fileName)
        var rate: ExactDecimal?
        if let rateValue = value["rate"] {
            do { rate = try ExactDecimal(parsing: try string(rateValue, field: "rate", fileName: fileName), field: "rate") } catch {
                throw error.at("\(fileName):\(rateValue.line)")
            }
        }
        let functionalAmount = try value["functional_amount"].map { v throws(DomainError) in
            try money(v, field: "functional_amount", currency: functional, fileName: fileName)
        }
        return JournalLineDraft(
            accountCode: account, customerCode: try optionalString(value["customer"], field: "customer", fileName: fileName),
            side: side, amount: amount, functionalAmount: functionalAmount, rate: rate,
            memo: try optionalString(value["memo"], field: "memo", fileName: fileName))
    }

    static func string(_ value: JSONValue, field: String, fileName: String) throws(DomainError) -> String {
        guard case .string(let text, _) = value else {
            throw DomainError(field: field, "must be a string, not \(value.typeName)", location: "\(fileName):\(value.line)")
        }
        return text
    }

    static func optionalString(_ value: JSONValue?, field: String, fileName: String) throws(DomainError) -> String? {
        guard let value else { return nil }
        if case .null = value { return nil }
        return try string(value, field: field, fileName: fileName)
    }

    static func money(_ value: JSONValue, field: String, currency: Currency, fileName: String) throws(DomainError) -> Money {
        if case .number(let text, _) = value {
            throw DomainError(field: field, "write amounts as strings (\"\(text)\"), so no tool reads them as floating point",
                              location: "\(fileName):\(value.line)")
        }
        let text = try string(value, field: field, fileName: fileName)
        do { return try AmountFormat.parseUnambiguous(text, currency: currency, field: field) } catch {
            throw error.at("\(fileName):\(value.line)")
        }
    }
}
