import Foundation
import O2CDomain
#if canImport(FoundationXML)
import FoundationXML
#endif

/// ISO 20022 bank-to-customer cash messages: camt.053 statements and camt.054 debit/credit
/// notifications, any version (.001.01 to .001.14): elements are matched by local name, so the
/// namespace and its version do not matter, and neither do prefixes.
///
/// Two steps: XMLParser builds a light element tree, then a mapping layer reads it with small path
/// helpers. One `Ntry` becomes one `BankLine`, except a batched entry (several `TxDtls`), which
/// becomes one line per transaction. Nothing is returned unless the whole file reads.
///
/// camt.052 (intraday account reports) is refused: its entries are mostly pending and its
/// balances interim, and the same movements come again in the end-of-day camt.053.
public enum CamtFile {
    public static func parse(_ data: Data, fileName: String) throws(DomainError) -> BankFile {
        let document = try ElementTree.build(data, fileName: fileName)
        return try Reader(fileName: fileName, remittanceCutAtLimit: document.remittanceCutAtLimit).bankFile(document)
    }
}

// MARK: - The element tree

extension CamtFile {
    /// Unstructured remittance pieces as one text, joined with a space. A writer that cuts its
    /// text at the field's 140 characters whatever is there (`RMR*IV*10475` + `5**28028.00`),
    /// `cutAtLimit`, runs a piece of 140 on into the next as written; one that wraps at words
    /// fills a piece to 140 only by chance, its words whole.
    static func remittance(_ pieces: [String], cutAtLimit: Bool) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        var text = ""
        var runsOn = false
        for piece in pieces {
            if runsOn {
                text += piece
            } else {
                // Trailing white space of what came before, leading of the piece: one space between.
                while let last = text.last, isSpace(last) { text.removeLast() }
                let start = piece.drop(while: isSpace)
                if !text.isEmpty, !start.isEmpty { text += " " }
                text += start
            }
            runsOn = cutAtLimit && piece.count == 140
        }
        return ElementTree.trimmed(text)
    }

    /// One XML element: its local name, attributes, trimmed text and children, and the line where
    /// it starts (for messages and `BankLine.sourceLine`).
    final class Element {
        let name: String
        let attributes: [String: String]
        let line: Int
        var text = ""
        /// The text as written, white space kept: for `Ustrd`, whose pieces may run on (see `remittance`).
        var written = ""
        var children: [Element] = []

        init(name: String, attributes: [String: String], line: Int) {
            self.name = name
            self.attributes = attributes
            self.line = line
        }

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }

        /// The first element down a path of names: `at("Acct", "Id", "IBAN")`.
        func at(_ path: String...) -> Element? {
            var node: Element? = self
            for name in path { node = node?.child(name) }
            return node
        }

        /// The text down a path, nil when the element is missing or empty.
        func string(_ path: String...) -> String? {
            var node: Element? = self
            for name in path { node = node?.child(name) }
            guard let text = node?.text, !text.isEmpty else { return nil }
            return text
        }
    }

    struct Document {
        let root: Element
        let namespace: String?
        /// Whether the writer cuts remittance text at 140 characters, mid-word: nearly every
        /// unstructured piece followed by another (at least three) is exactly 140 long.
        var remittanceCutAtLimit = false
    }

    /// Builds the tree. Subtrees we never read (postal addresses, agents, charges, card and tax
    /// details...) are dropped as they stream by, which keeps a large file's tree small.
    final class ElementTree: NSObject, XMLParserDelegate {
        static let ignored: Set<String> = [
            "PstlAdr", "RltdAgts", "Avlbty", "Chrgs", "Intrst", "RltdDts", "RltdPric", "RltdQties", "Tax", "CardTx",
            "SplmtryData", "FinInstrmId", "CorpActn", "SfkpgAcct", "CshDpst", "TxsSummry", "RltdRmtInf", "RtrInf",
            "TechInptChanl", "Svcr", "Ownr", "LclInstrm", "Purp", "TaxRmt", "GrnshmtRmt", "Invcr", "Invcee",
            "CdtLine", "Prxy", "PrvtId", "OrgId", "CtctDtls", "MsgPgntn", "StmtPgntn",
        ]

        private var root: Element?
        private var namespace: String?
        private var open: [Element] = []
        private var texts: [String] = []
        private var ignoredDepth = 0
        private var failure: (line: Int, message: String)?
        /// Unstructured remittance pieces followed by another, and those of them 140 characters long.
        private var continuedPieces = 0, fullPieces = 0

        static func build(_ data: Data, fileName: String) throws(DomainError) -> Document {
            let builder = ElementTree()
            // Fed as a stream, in chunks: given one Data over 10 MB, libxml2 (without its "huge"
            // option, which XMLParser does not set) stops with an internal error.
            let parser = XMLParser(stream: InputStream(data: data))
            parser.shouldProcessNamespaces = true  // local names; prefixes and versions do not matter
            parser.shouldResolveExternalEntities = false
            parser.delegate = builder
            let finished = parser.parse()
            // On Linux parse() can return true after an error: the delegate's record is what counts.
            if let failure = builder.failure {
                throw DomainError(field: "xml", failure.message, location: "\(fileName):\(failure.line)")
            }
            if !finished || parser.parserError != nil {
                let code = (parser.parserError as? NSError)?.code ?? 0
                throw DomainError(field: "xml", "the file is not well-formed XML (XMLParser error \(code))",
                                  location: "\(fileName):\(parser.lineNumber)")
            }
            guard let root = builder.root else {
                throw DomainError(field: "xml", "the file holds no XML element", location: "\(fileName):1")
            }
            return Document(root: root, namespace: builder.namespace,
                            remittanceCutAtLimit: builder.fullPieces >= 3 && builder.fullPieces * 5 >= builder.continuedPieces * 4)
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            if ignoredDepth > 0 || Self.ignored.contains(elementName) {
                ignoredDepth += 1
                return
            }
            let element = Element(name: elementName, attributes: attributeDict, line: parser.lineNumber)
            if let parent = open.last { parent.children.append(element) } else {
                root = element
                namespace = namespaceURI
            }
            open.append(element)
            texts.append("")
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if ignoredDepth > 0 {
                ignoredDepth -= 1
                return
            }
            guard let element = open.popLast(), let text = texts.popLast() else { return }
            element.text = Self.trimmed(text)
            if elementName == "Ustrd" { element.written = text }
            if elementName == "RmtInf" {
                let pieces = element.children("Ustrd").dropLast()
                continuedPieces += pieces.count
                fullPieces += pieces.filter { $0.written.count == 140 }.count
            }
        }

        /// Without XML's white space around it; the common cases (none, or nothing but) made cheap,
        /// as this runs for every element.
        static func trimmed(_ text: String) -> String {
            let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
            let last = scalars.lastIndex(where: { !isSpace($0) })!
            return first == scalars.startIndex && last == scalars.index(before: scalars.endIndex)
                ? text : String(scalars[first...last])
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if ignoredDepth == 0, !texts.isEmpty { texts[texts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if ignoredDepth == 0, !texts.isEmpty {
                texts[texts.count - 1] += String(decoding: CDATABlock, as: UTF8.self)
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard failure == nil else { return }
            let code = (parseError as NSError).code
            failure = (parser.lineNumber, describe(code: code, parseError))
            parser.abortParsing()
        }

        /// Linux's XMLParser says only "error 76": name the common cases ourselves, with the element
        /// left open. The codes are libxml2's, the same numbers as Apple's `XMLParser.ErrorCode`
        /// (corelibs' enum is numbered differently, so we match the numbers).
        private func describe(code: Int, _ error: any Error) -> String {
            let unclosed = open.last.map { "<\($0.name)> of line \($0.line)" }
            switch code {
            case 4: return "the file is empty or not XML"
            case 5: return unclosed.map { "the file ends before \($0) is closed" } ?? "the file ends too early"
            case 76: return unclosed.map { "a closing tag does not match the open \($0)" } ?? "a closing tag does not match"
            case 26: return "an undeclared entity (an unescaped '&'?)"
            case 9: return "a character that XML does not allow"
            default:
                #if canImport(FoundationXML)
                return "the file is not well-formed XML (XMLParser error \(code))"
                #else
                return "the file is not well-formed XML: \(error.localizedDescription)"
                #endif
            }
        }
    }
}

// MARK: - Mapping the tree to the bank-file model

extension CamtFile {
    struct Reader {
        let fileName: String
        var remittanceCutAtLimit = false

        func fail(_ element: Element, _ field: String, _ message: String) -> DomainError {
            DomainError(field: field, message, location: "\(fileName):\(element.line)")
        }

        func bankFile(_ document: Document) throws(DomainError) -> BankFile {
            // The message element sits under <Document>; accept it as the root too.
            let root = document.root
            let message = root.name == "Document" ? root.children.first : root
            let format: BankFileFormat
            let itemName: String
            switch message?.name {
            case "BkToCstmrStmt": (format, itemName) = (.camt053, "Stmt")
            case "BkToCstmrDbtCdtNtfctn": (format, itemName) = (.camt054, "Ntfctn")
            case "BkToCstmrAcctRpt":
                throw fail(message ?? root, "Document",
                           "this is a camt.052 intraday account report; import the end-of-day camt.053 statement instead")
            default:
                let what = message.map { "<\($0.name)>" } ?? "<\(root.name)> with nothing in it"
                let space = document.namespace.map { $0.isEmpty ? "" : " (namespace \($0))" } ?? ""
                throw fail(message ?? root, "Document",
                           "not a camt.053 statement or camt.054 notification: found \(what)\(space)")
            }
            guard let message else { throw fail(root, "Document", "empty document") }
            let items = message.children(itemName)
            guard !items.isEmpty else { throw fail(message, itemName, "the message has no <\(itemName)>") }
            var statements: [BankStatement] = []
            for item in items { statements.append(try statement(item, name: itemName)) }
            return BankFile(format: format, fileName: fileName, fileID: message.string("GrpHdr", "MsgId"),
                            statements: statements)
        }

        // MARK: Statement

        func statement(_ item: Element, name: String) throws(DomainError) -> BankStatement {
            guard let account = item.child("Acct") else { throw fail(item, "\(name)/Acct", "missing account") }
            guard let number = accountID(account) else {
                throw fail(account, "\(name)/Acct/Id", "no account identification (IBAN or Othr/Id)")
            }
            let entries = item.children("Ntry")
            let balances = item.children("Bal")

            // The account currency; a statement that does not name it is read in its first amount's.
            let currency: Currency
            if let code = account.child("Ccy") {
                currency = try self.currency(code.text, code, field: "\(name)/Acct/Ccy")
            } else if let amount = entries.first?.child("Amt"), let code = amount.attributes["Ccy"] {
                currency = try self.currency(code, amount, field: "Ntry/Amt/@Ccy")
            } else if let amount = balances.first?.child("Amt"), let code = amount.attributes["Ccy"] {
                currency = try self.currency(code, amount, field: "Bal/Amt/@Ccy")
            } else {
                throw fail(account, "\(name)/Acct/Ccy", "no currency: neither Acct/Ccy nor any amount")
            }

            var opening: (code: String, money: Money)?
            var closing: Money?
            var closingDate: BusinessDate?
            for balance in balances {
                let code = balance.string("Tp", "CdOrPrtry", "Cd") ?? balance.string("Tp", "Cd") ?? ""
                guard code == "OPBD" || code == "PRCD" || code == "CLBD" else { continue }
                let money = try signedBalance(balance, currency: currency)
                if code == "CLBD" {
                    if closing == nil {
                        closing = money
                        closingDate = try date(balance.child("Dt"), field: "Bal/Dt")
                    }
                } else if opening == nil || (opening?.code == "PRCD" && code == "OPBD") {
                    opening = (code, money)  // OPBD wins over the previous day's closing (PRCD)
                }
            }

            var lines: [BankLine] = []
            for entry in entries { lines += try self.lines(entry, currency: currency) }

            return BankStatement(accountNumber: number, currency: currency, statementID: item.string("Id"),
                                 date: try statementDate(item, closingDate: closingDate), openingBalance: opening?.money,
                                 closingBalance: closing, lines: lines)
        }

        /// The day reported on: the period's end when given, else the closing balance's date, else
        /// the creation date (often the next morning, so the last resort).
        func statementDate(_ item: Element, closingDate: BusinessDate?) throws(DomainError) -> BusinessDate? {
            if let period = item.at("FrToDt", "ToDtTm") ?? item.at("FrToDt", "ToDt") {
                return try day(period.text, period, field: "FrToDt/\(period.name)")
            }
            if let closingDate { return closingDate }
            if let created = item.child("CreDtTm") { return try day(created.text, created, field: "CreDtTm") }
            return nil
        }

        func signedBalance(_ balance: Element, currency: Currency) throws(DomainError) -> Money {
            guard let amountElement = balance.child("Amt") else { throw fail(balance, "Bal/Amt", "missing amount") }
            let amount = try self.amount(amountElement, field: "Bal/Amt", currency: currency)
            guard let direction = try direction(balance, field: "Bal/CdtDbtInd") else {
                throw fail(balance, "Bal/CdtDbtInd", "missing CdtDbtInd")
            }
            return direction == .debit ? -amount : amount
        }

        // MARK: Entries and transactions

        func lines(_ entry: Element, currency: Currency) throws(DomainError) -> [BankLine] {
            guard let amountElement = entry.child("Amt") else { throw fail(entry, "Ntry/Amt", "missing amount") }
            let amount = try self.amount(amountElement, field: "Ntry/Amt", currency: currency)
            guard let direction = try direction(entry, field: "Ntry/CdtDbtInd") else {
                throw fail(entry, "Ntry/CdtDbtInd", "missing CdtDbtInd")
            }
            let base = EntryFacts(
                reference: entry.string("AcctSvcrRef"),
                isReversal: try flag(entry.child("RvslInd"), field: "Ntry/RvslInd"),
                isBooked: isBooked(entry),
                bookingDate: try date(entry.child("BookgDt"), field: "Ntry/BookgDt"),
                valueDate: try date(entry.child("ValDt"), field: "Ntry/ValDt"),
                typeCode: typeCode(entry.child("BkTxCd")),
                information: entry.string("AddtlNtryInf")
            )
            // .001.02 on: Ntry/NtryDtls/TxDtls (NtryDtls may repeat); .001.01: Ntry/TxDtls.
            var transactions: [Element] = []
            for details in entry.children("NtryDtls") { transactions += details.children("TxDtls") }
            transactions += entry.children("TxDtls")

            // No details, or one transaction: the line is the entry, for the entry's amount, which
            // is what moved on the account (a lone TxDtls may show the amount before charges).
            if transactions.count <= 1 {
                return [line(base, transaction: transactions.first, amount: amount, direction: direction,
                             reference: transactions.first?.string("Refs", "AcctSvcrRef") ?? base.reference,
                             sourceLine: entry.line)]
            }

            // A batch: one line per transaction, each with its own amount; they must add up to the
            // entry, or the statement would no longer reconcile to its balances.
            var parts: [(transaction: Element, amount: Money, direction: BankLine.Direction)] = []
            var total: Int64 = 0
            for transaction in transactions {
                guard let own = try transactionAmount(transaction, currency: currency) else {
                    throw fail(transaction, "TxDtls/AmtDtls/TxAmt/Amt", "a batched entry's transaction has no amount in "
                               + "\(currency.code): cannot split the entry of line \(entry.line)")
                }
                let ownDirection = try self.direction(transaction, field: "TxDtls/CdtDbtInd") ?? direction
                parts.append((transaction, own, ownDirection))
                total += ownDirection == direction ? own.minorUnits : -own.minorUnits
            }
            guard total == amount.minorUnits else {
                let sum = Money(minorUnits: total, currency: currency).decimalString
                throw fail(entry, "Ntry/NtryDtls/TxDtls", "the \(transactions.count) transactions add up to \(sum), "
                           + "not to the entry's \(amount.decimalString) \(currency.code)")
            }
            // Each line needs its own bank reference (the import's idempotency key): a transaction
            // without one of its own, or sharing it with a sibling, gets the entry's plus "/n".
            let owned = parts.compactMap { $0.transaction.string("Refs", "AcctSvcrRef") }
            var lines: [BankLine] = []
            for (index, part) in parts.enumerated() {
                let own = part.transaction.string("Refs", "AcctSvcrRef")
                let reference: String? = if let own, owned.count(where: { $0 == own }) == 1 { own } else {
                    (own ?? base.reference).map { "\($0)/\(index + 1)" }
                }
                lines.append(line(base, transaction: part.transaction, amount: part.amount, direction: part.direction,
                                  reference: reference, sourceLine: part.transaction.line))
            }
            return lines
        }

        /// What every line of an entry shares.
        struct EntryFacts {
            var reference: String?
            var isReversal: Bool
            var isBooked: Bool
            var bookingDate: BusinessDate?
            var valueDate: BusinessDate?
            var typeCode: String?
            var information: String?
        }

        func line(_ entry: EntryFacts, transaction: Element?, amount: Money, direction: BankLine.Direction,
                  reference: String?, sourceLine: Int) -> BankLine {
            let endToEnd = transaction?.string("Refs", "EndToEndId")
            // The counterparty: the debtor of a credit, the creditor of a debit. A reversal names the
            // parties of the movement it undoes (ISO), or, at some banks, of the return itself: the
            // undone movement's side first, then the other. (For any other line the other side is
            // the account holder: never the payer.)
            let originalIsCredit = (direction == .credit) != entry.isReversal
            let parties = transaction?.child("RltdPties")
            let debtor = ("Dbtr", "DbtrAcct"), creditor = ("Cdtr", "CdtrAcct")
            var sides = originalIsCredit ? [debtor] : [creditor]
            if entry.isReversal { sides.append(originalIsCredit ? creditor : debtor) }
            var payerName: String?
            var payerAccount: String?
            for (party, account) in sides where payerName == nil && payerAccount == nil {
                // .001.08 on wraps the party: Dbtr/Pty/Nm.
                payerName = parties?.string(party, "Nm") ?? parties?.string(party, "Pty", "Nm")
                payerAccount = parties?.child(account).flatMap(accountID)
            }
            var text: [String] = []
            // A payment made for someone else (a parent or a shared-service centre paying for its
            // company) names that one as ultimate debtor: the customer, more likely than the
            // payer. The payer's name stays in the text.
            if originalIsCredit, !entry.isReversal, let ultimate = parties?.string("UltmtDbtr", "Nm") ?? parties?.string("UltmtDbtr", "Pty", "Nm") {
                if let payerName { text.append(payerName) }
                payerName = ultimate
            }

            var references: [String] = []
            if let remittance = transaction?.child("RmtInf") {
                text.append(CamtFile.remittance(remittance.children("Ustrd").map(\.written), cutAtLimit: remittanceCutAtLimit))
                for structured in remittance.children("Strd") {
                    // The document's kind (ISO 20022 codes): a credit note (CREN, CNFA) is netted
                    // against what is paid, a purchase order (PUOR) or a voucher (VCHR) is the
                    // payer's own: none is a reference to pay. Each is written in the text under
                    // the label a remittance advice gives it (`CRN CN260388 CREDIT 1543.84`).
                    let label: String? = switch structured.string("RfrdDocInf", "Tp", "CdOrPrtry", "Cd") {
                    case "CREN", "CNFA": "CRN"
                    case "PUOR": "PO"
                    case "VCHR": "VOUCHER"
                    default: nil
                    }
                    for part in structured.children where label == nil || part.name != "RfrdDocInf" {
                        let value = switch part.name {
                        case "RfrdDocInf": part.string("Nb")
                        case "CdtrRefInf": part.string("Ref")
                        default: String?.none
                        }
                        if let value, !references.contains(value) { references.append(value) }
                    }
                    // What the payer says it pays on the document, next to its number, as a
                    // remittance advice writes it: `2601427 5525.24`.
                    if let number = structured.string("RfrdDocInf", "Nb") ?? structured.string("CdtrRefInf", "Ref") {
                        // With the currency's decimals, as a remittance writes an amount (`1400` is 1400.00).
                        let written = { (raw: String?) in raw.map { (try? AmountFormat.canonical.parse($0, currency: amount.currency).decimalString) ?? $0 } }
                        let paid = written(structured.string("RfrdDocAmt", "RmtdAmt"))
                        switch label {
                        case "CRN": text.append((["CRN", number] + ((written(structured.string("RfrdDocAmt", "CdtNoteAmt")) ?? paid).map { ["CREDIT", $0] } ?? [])).joined(separator: " "))
                        case let label?: text.append(([label, number] + (paid.map { [$0] } ?? [])).joined(separator: " "))
                        case nil: if let paid { text.append("\(number) \(paid)") }
                        }
                    }
                    text += structured.children("AddtlRmtInf").map(\.text)
                }
            }
            text.append(transaction?.string("AddtlTxInf") ?? "")
            text.append(entry.information ?? "")

            return BankLine(
                sourceLine: sourceLine,
                bankReference: reference,
                customerReference: endToEnd?.uppercased() == "NOTPROVIDED" ? nil : endToEnd,
                amount: amount,
                direction: direction,
                bookingDate: entry.bookingDate,
                valueDate: entry.valueDate,
                typeCode: typeCode(transaction?.child("BkTxCd")) ?? entry.typeCode,
                isReversal: entry.isReversal,
                isBooked: entry.isBooked,
                payerName: payerName,
                payerAccount: payerAccount,
                structuredReferences: references,
                text: text.filter { !$0.isEmpty }.joined(separator: " ")
            )
        }

        /// A transaction's own amount in the account currency: `TxDtls/Amt` (.001.07 on), else
        /// `AmtDtls/TxAmt`, else `AmtDtls/InstdAmt`. An amount in another currency (the instructed
        /// amount of a foreign payment) is not the booked amount and is passed over.
        func transactionAmount(_ transaction: Element, currency: Currency) throws(DomainError) -> Money? {
            let candidates: [(Element?, String)] = [
                (transaction.child("Amt"), "TxDtls/Amt"),
                (transaction.at("AmtDtls", "TxAmt", "Amt"), "TxDtls/AmtDtls/TxAmt/Amt"),
                (transaction.at("AmtDtls", "InstdAmt", "Amt"), "TxDtls/AmtDtls/InstdAmt/Amt"),
            ]
            for case let (element?, field) in candidates where element.attributes["Ccy"] == currency.code {
                return try amount(element, field: field, currency: currency)
            }
            return nil
        }

        /// Booked only when the bank says BOOK (`Sts` text up to .001.06, `Sts/Cd` or `Sts/Prtry`
        /// from .001.07). The schema requires `Sts`; when a bank leaves it out, an entry with a
        /// booking date is taken as booked and one without as not (yet) booked.
        func isBooked(_ entry: Element) -> Bool {
            guard let status = entry.child("Sts") else { return entry.child("BookgDt") != nil }
            let code = status.string("Cd") ?? status.string("Prtry") ?? status.text
            return code.uppercased() == "BOOK"
        }

        // MARK: Small readers

        func accountID(_ account: Element) -> String? {
            account.string("Id", "IBAN") ?? account.string("Id", "Othr", "Id") ?? account.string("Id", "BBAN")
                ?? account.string("Id", "PrtryAcct", "Id")
        }

        /// `PMNT/RCDT/ESCT` from the ISO domain, family and sub-family, else the proprietary code.
        func typeCode(_ code: Element?) -> String? {
            guard let code else { return nil }
            if let domain = code.string("Domn", "Cd"), let family = code.string("Domn", "Fmly", "Cd"),
               let subFamily = code.string("Domn", "Fmly", "SubFmlyCd") {
                return "\(domain)/\(family)/\(subFamily)"
            }
            return code.string("Prtry", "Cd")
        }

        func direction(_ parent: Element, field: String) throws(DomainError) -> BankLine.Direction? {
            guard let indicator = parent.child("CdtDbtInd") else { return nil }
            switch indicator.text {
            case "CRDT": return .credit
            case "DBIT": return .debit
            default: throw fail(indicator, field, "'\(indicator.text)' is not CRDT or DBIT")
            }
        }

        func flag(_ element: Element?, field: String) throws(DomainError) -> Bool {
            guard let element else { return false }
            switch element.text {
            case "true", "1": return true
            case "false", "0": return false
            default: throw fail(element, field, "'\(element.text)' is not true or false")
            }
        }

        /// A `Dt` or `DtTm` choice; a date-time gives its date as written (the bank's local day).
        func date(_ choice: Element?, field: String) throws(DomainError) -> BusinessDate? {
            guard let choice else { return nil }
            guard let value = choice.child("Dt") ?? choice.child("DtTm") else {
                throw fail(choice, field, "neither Dt nor DtTm")
            }
            return try day(value.text, value, field: "\(field)/\(value.name)")
        }

        func day(_ text: String, _ element: Element, field: String) throws(DomainError) -> BusinessDate {
            do { return try BusinessDate(parsing: String(text.prefix(10)), field: field) } catch {
                throw fail(element, field, "'\(text)' is not an ISO date")
            }
        }

        func currency(_ code: String, _ element: Element, field: String) throws(DomainError) -> Currency {
            do { return try Currency(code: code) } catch { throw fail(element, field, error.message) }
        }

        /// An `Amt` with its `Ccy`: an xs:decimal, never negative (the sign is `CdtDbtInd`), read
        /// exactly into minor units. Trailing zeros past the currency's decimals (`10.500` EUR) are
        /// the same number and are accepted; any other extra digit is refused.
        func amount(_ element: Element, field: String, currency expected: Currency) throws(DomainError) -> Money {
            guard let code = element.attributes["Ccy"] else { throw fail(element, field, "missing Ccy attribute") }
            let currency = try self.currency(code, element, field: "\(field)/@Ccy")
            guard currency == expected else {
                throw fail(element, field, "amount in \(currency.code) on a \(expected.code) account")
            }
            let text = element.text
            if text.hasPrefix("-") {
                throw fail(element, field, "'\(text)' is negative: camt amounts carry their sign in CdtDbtInd")
            }
            let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
            let isDigits = { (piece: Substring) in !piece.isEmpty && piece.allSatisfy { ("0"..."9").contains($0) } }
            guard (1...2).contains(pieces.count), pieces.allSatisfy(isDigits) else {
                throw fail(element, field, text.isEmpty ? "missing amount" : "'\(text)' is not a decimal amount")
            }
            var fraction = pieces.count == 2 ? pieces[1] : ""
            while fraction.count > currency.exponent, fraction.last == "0" { fraction = fraction.dropLast() }
            let canonical = fraction.isEmpty ? String(pieces[0]) : "\(pieces[0]).\(fraction)"
            do { return try AmountFormat.canonical.parse(canonical, currency: currency, field: field) } catch {
                throw fail(element, field, "'\(text)': " + (error.message.components(separatedBy: ": ").last ?? error.message))
            }
        }
    }
}
