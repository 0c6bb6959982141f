import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// What a bank-file import did.
public struct BankImportSummary: Sendable {
    public var format: BankFileFormat
    public var statements = 0
    /// New lines stored, of which customer credits (posted to unidentified receipts until matched).
    public var added = 0
    public var credits = 0
    /// Lines already imported (from this file or another): nothing changed for them.
    public var alreadyImported = 0
    /// Debits, reversals: kept and shown, not matched.
    public var otherMovements = 0
    /// Of them, returns of a customer's credit (NSF, returned, recalled) booked: what the credit paid undone.
    public var returns = 0
    /// Debits that take back a credit the import could not tell (credits alike) or book: for a person.
    public var returnsToReview = 0
    /// Pending or information-only lines: not imported (the booked line will come).
    public var notBooked = 0
    /// With `match`: what matching the new customer credits (and any left waiting) decided.
    public var match: CashMatchSummary? = nil
    /// How long reading the file and storing its lines took (matching's own in `match`).
    public var steps = StepTimes()
    /// What a person should look at: a camt.053 statement whose balances and entries do not tie.
    public var warnings: [String] = []
}

/// What an open-items import did.
public struct OpenItemsImportSummary: Sendable, Equatable {
    /// Invoices with something open, on the opening entry.
    public var added = 0
    /// Credit notes with credit left to use (negative rows), on the opening entry too.
    public var credits = 0
    /// Invoices settled in the previous system (nothing open): recorded as settled, on no entry.
    public var settled = 0
    public var alreadyImported = 0
    /// Rows of no amount: not imported.
    public var nothingOpen = 0
    public var entries: [String] = []
}

/// One bank line and what cash application made of it: the shape of `o2c cash allocations`.
public struct CashAllocationRow: Sendable, Codable, Hashable {
    public struct Allocation: Sendable, Codable, Hashable {
        public var invoice: String
        /// The invoice's customer (a payment may settle invoices of several).
        public var customer: String?
        public var amount: Int64

        // Null written out, not left out: a reader finds every field.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(invoice, forKey: .invoice)
            try container.encode(customer, forKey: .customer)
            try container.encode(amount, forKey: .amount)
        }
    }
    public var bank_reference: String
    public var account: String
    public var date: String
    public var amount: Int64
    public var currency: String
    public var direction: String
    public var status: String
    public var customer: String?
    public var allocations: [Allocation]
    public var fee: Int64
    /// Prompt-payment discounts taken within the entity's limit (`cash.discount-limit`), booked as sales discounts.
    public var discount: Int64 = 0
    public var unapplied: Int64
    /// A short payment beyond the fee tolerance: what the payer left open on the invoices, a
    /// deduction to review (a proposed dispute); null otherwise.
    public var deduction: Int64?
    public var confidence: Int?
    public var explanation: String?
    public var text: String
    /// For a proposed line, what the matcher proposes (a person confirms it); else empty.
    public var proposed: [Allocation] = []
    /// For a debit booked as a refund: what it paid back, from where (`source`: the bank line
    /// whose cash was on the account, or the credit note or invoice whose credit was left), in
    /// minor units (positive); else empty.
    public var refunds: [Refunded] = []
    /// For a customer's credit, what of its cash on the account refunds paid back (minor units); else 0.
    public var refunded: Int64 = 0
    /// For a debit booked as a return: the credit the bank took back (its bank reference); else null.
    public var returns: String? = nil
    /// For a credit the bank took back (status `returned`), or items of it (a cheque of a
    /// deposit): the debits that did (bank references, comma-separated); else null.
    public var returned_by: String? = nil

    public struct Refunded: Sendable, Codable, Hashable {
        public var source: String
        public var amount: Int64

        public init(source: String, amount: Int64) {
            self.source = source
            self.amount = amount
        }
    }

    /// The line's cash on no invoice yet: all of it while nothing is booked (waiting, proposed,
    /// unidentified), else what is kept on an account or left unidentified.
    public var left: Int64 {
        guard direction == "credit", status != "not-a-customer-payment" else { return 0 }
        return ["new", "proposed", "unapplied"].contains(status) && allocations.isEmpty && unapplied == 0 && refunded == 0 ? amount : unapplied
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bank_reference, forKey: .bank_reference); try c.encode(account, forKey: .account); try c.encode(date, forKey: .date)
        try c.encode(amount, forKey: .amount); try c.encode(currency, forKey: .currency); try c.encode(direction, forKey: .direction)
        try c.encode(status, forKey: .status); try c.encode(customer, forKey: .customer); try c.encode(allocations, forKey: .allocations)
        try c.encode(fee, forKey: .fee); try c.encode(discount, forKey: .discount); try c.encode(unapplied, forKey: .unapplied); try c.encode(deduction, forKey: .deduction)
        try c.encode(confidence, forKey: .confidence); try c.encode(explanation, forKey: .explanation); try c.encode(text, forKey: .text)
        try c.encode(proposed, forKey: .proposed); try c.encode(refunds, forKey: .refunds); try c.encode(refunded, forKey: .refunded)
        try c.encode(returns, forKey: .returns); try c.encode(returned_by, forKey: .returned_by)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(left, forKey: .left)
    }

    enum ExtraKeys: String, CodingKey { case left }
}

/// What a match run did.
public struct CashMatchSummary: Sendable {
    public var lines = 0
    public var applied = 0
    public var proposed = 0
    public var unapplied = 0
    public var notCustomerPayments = 0
    /// How long each of its steps took: what `o2c-bench cash` prints.
    public var steps = StepTimes()
}

/// How long each step of a run took, in order, so that a benchmark's figure says where its time
/// goes. Steps of the same name add up (an import matching several entities).
public struct StepTimes: Sendable {
    public struct Step: Sendable {
        public var name: String
        public var duration: Duration
    }
    public private(set) var steps: [Step] = []
    private var started = ContinuousClock.now

    public init() {}

    /// Closes the step running since the last one (or since `init`) under `name`.
    mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        add(Step(name: name, duration: now - started))
        started = now
    }

    /// Starts the next step now: the time since the last one is another's.
    mutating func skip() { started = ContinuousClock.now }

    mutating func add(_ step: Step) {
        if let index = steps.firstIndex(where: { $0.name == step.name }) { steps[index].duration += step.duration } else { steps.append(step) }
    }

    public static func + (left: StepTimes, right: StepTimes) -> StepTimes {
        var sum = left
        for step in right.steps { sum.add(step) }
        return sum
    }
}

extension Books {
    // MARK: Bank files

    /// Reads a bank file (format detected unless given), stores every line it has not seen, and
    /// posts each new customer credit to the bank account and unidentified receipts. With `match`,
    /// matches them in the same transaction (as `matchCash` would, by the entity's policy with
    /// those overrides, with the lines still in hand, and any line left waiting before). All or nothing.
    public func importBankFile(_ data: Data, fileName: String, format: BankFileFormat? = nil, mapping name: String? = nil,
                               match overrides: MatchOverrides? = nil) async throws -> BankImportSummary {
        var steps = StepTimes()
        let detected = try name != nil ? .csv : (format ?? Self.detectFormat(data, fileName: fileName))
        let file: BankFile
        switch detected {
        case .bai2: file = try BAI2File.parse(data, fileName: fileName)
        case .camt053, .camt054: file = try CamtFile.parse(data, fileName: fileName)
        case .csv:
            guard let name else { throw DomainError(field: "--mapping", "a CSV bank file is read through a saved mapping: `o2c bank mappings add NAME …`, then --mapping NAME", location: fileName) }
            file = try BankCSVFile.parse(data, fileName: fileName, mapping: try await csvMapping(name))
        }
        let sha = Self.sha256(data)
        steps.lap("reading the file")
        return try await store.write(actor: actor) { tx in
            var summary = BankImportSummary(format: file.format)
            let known = try await tx.bankAccounts()
            // Matching reads the lines against the payers' names: their directory is built on
            // another core while the lines are stored (it takes about as long).
            let payers = overrides == nil ? nil : MatchPayers(try await tx.payerIdentities())
            var toMatch: [Int64: (entity: EntityRecord, lines: [StoredBankLine])] = [:]
            // Debits that may take back a credit of an earlier statement, per entity.
            var outgoing: [Int64: (entity: EntityRecord, lines: [StoredBankLine])] = [:]
            // Ranks of references per account across the file: an account may come in several
            // blocks of one file.
            var occurrences: [String: Int] = [:]
            for statement in file.statements {
                let key = Self.accountKey(statement.accountNumber)
                guard let account = known.first(where: { Self.accountKey($0.details.accountNumber) == key }) else {
                    let typed = statement.accountNumber.contains(" ") ? "\"\(statement.accountNumber)\"" : statement.accountNumber
                    throw DomainError(field: "account", "bank account \(statement.accountNumber) is not known: add it with `o2c bank accounts add \(typed) --currency \(statement.currency.code) --ledger-account … --bank-name …`",
                                      location: "\(fileName):\(statement.lines.first?.sourceLine ?? 1)")
                }
                guard account.details.currency == statement.currency else {
                    throw DomainError(field: "currency", "bank account \(statement.accountNumber) holds \(account.details.currency.code), the file reports it in \(statement.currency.code)",
                                      location: "\(fileName):\(statement.lines.first?.sourceLine ?? 1)")
                }
                guard let entity = try await tx.entities().first(where: { $0.entity.code == account.entityCode }) else { continue }
                summary.statements += 1
                // A camt.053 statement's control total: its opening balance and booked entries make
                // its closing balance, else an entry is missing or too many. Said, not refused:
                // banks' test files and partial exports do not always tie.
                if file.format == .camt053, let opening = statement.openingBalance, let closing = statement.closingBalance {
                    let moved = statement.lines.filter(\.isBooked).reduce(Int64(0)) { $0 + ($1.direction == .credit ? $1.amount.minorUnits : -$1.amount.minorUnits) }
                    if opening.minorUnits + moved != closing.minorUnits {
                        summary.warnings.append("statement \(statement.statementID ?? statement.accountNumber) of \(statement.accountNumber): the opening balance \(opening.decimalString) "
                                                + "and the booked entries (\(Money(minorUnits: moved, currency: statement.currency).decimalString)) make "
                                                + "\(Money(minorUnits: opening.minorUnits + moved, currency: statement.currency).decimalString), not the closing balance \(closing.decimalString): "
                                                + "an entry may be missing; ask the bank for the whole statement")
                    }
                }

                // A line's identity: the bank's reference (a second line of the file with the same
                // reference — one deposit, several cheques — is `REF/2`, …), else its fingerprint:
                // what every format gives alike (direction, amount, day). Every line keeps its
                // fingerprint, so that the same day in another format, or in a file without
                // references, is recognised line for line.
                let booked = statement.lines.filter(\.isBooked)
                summary.notBooked += statement.lines.count - booked.count
                var references: [String?] = []
                var fingerprints: [String] = []
                for line in booked {
                    if let reference = line.bankReference, !reference.isEmpty {
                        occurrences[key + "|" + reference, default: 0] += 1
                        let rank = occurrences[key + "|" + reference]!
                        references.append(rank == 1 ? reference : "\(reference)/\(rank)")
                    } else {
                        references.append(nil)
                    }
                    // Readable, and typed as a reference by a person: `fp-20261120-C-123456` (day, C or D, minor units).
                    let day = (line.bookingDate ?? statement.date)?.description.filter(\.isNumber) ?? ""
                    fingerprints.append("fp-\(day)-\(line.direction == .credit ? "C" : "D")-\(line.amount.minorUnits)")
                }
                var stored = try await tx.knownBankLines(bankAccountID: account.id, references: references.compactMap { $0 }, fingerprints: fingerprints)
                var byReference = Dictionary(stored.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
                // A debit under the reference of a credit of its amount: the bank reusing the item's
                // reference for its return (`REF/R`, found as its return below).
                let reused = booked.indices.filter { at in
                    guard let reference = references[at], let known = byReference[reference] else { return false }
                    return booked[at].direction == .debit && known.direction == "credit" && known.amount == booked[at].amount.minorUnits
                }
                if !reused.isEmpty {
                    for at in reused { references[at] = references[at]! + "/R" }
                    stored += try await tx.knownBankLines(bankAccountID: account.id, references: reused.map { references[$0]! }, fingerprints: [])
                    byReference = Dictionary(stored.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
                }
                // Lines stored with each fingerprint not yet taken for a line of this file.
                var pool = Dictionary(grouping: stored.filter { $0.fingerprint != nil }, by: { $0.fingerprint! })
                var taken = Set(stored.map(\.reference))
                var seen = [Bool](repeating: false, count: booked.count)
                func take(_ at: Int, where fits: (KnownBankLine) -> Bool) -> Bool {
                    guard let found = pool[fingerprints[at]]?.firstIndex(where: fits) else { return false }
                    pool[fingerprints[at]]!.remove(at: found)
                    seen[at] = true
                    return true
                }
                for (at, line) in booked.enumerated() {
                    guard let reference = references[at], let known = byReference[reference] else { continue }
                    // A reference the bank gave once names one movement: another amount under it is an error of the file.
                    guard known.direction == line.direction.rawValue, known.amount == line.amount.minorUnits else {
                        throw DomainError(field: "reference", "bank reference \(reference) was imported before as a \(known.direction) of "
                                          + "\(Money(minorUnits: known.amount, currency: line.amount.currency).decimalString); this file gives it as a \(line.direction.rawValue) of "
                                          + "\(line.amount.decimalString): nothing imported", location: "\(fileName):\(line.sourceLine)")
                    }
                    _ = take(at) { $0.reference == reference }
                    seen[at] = true
                }
                // The same line again: in this format with the same words; then, by count, one of
                // another format (its words are the bank's other wording). A line with a reference
                // can only be one stored without any. Same day and amount in this format with
                // other words is another payment (two lockbox files of a day).
                let format = file.format.rawValue
                for (at, line) in booked.enumerated() where !seen[at] {
                    _ = take(at) { known in
                        known.format == format && known.text == line.text && (known.payerName ?? "") == (line.payerName ?? "")
                            && (references[at] == nil || known.reference.hasPrefix("fp-"))
                    }
                }
                for at in booked.indices where !seen[at] {
                    // Payers both formats name must be the same payer.
                    let payer = booked[at].payerName.map { Customer.normalizedPayerName($0) }
                    _ = take(at) { known in
                        known.format != format && (references[at] == nil || known.reference.hasPrefix("fp-"))
                            && (payer == nil || known.payerName == nil || known.payerName.map { Customer.normalizedPayerName($0) } == payer)
                    }
                }
                var new: [NewBankLine] = []
                for (at, line) in booked.enumerated() {
                    guard !seen[at] else { summary.alreadyImported += 1; continue }
                    var identity = references[at] ?? fingerprints[at]
                    if references[at] == nil {
                        var rank = 1
                        while taken.contains(identity) { rank += 1; identity = "\(fingerprints[at])/\(rank)" }
                    }
                    taken.insert(identity)
                    let isCredit = line.direction == .credit && !line.isReversal
                    new.append(NewBankLine(reference: identity, fingerprint: fingerprints[at], line: line, kind: isCredit ? "customer-credit" : (line.isReversal ? "reversal" : "debit"),
                                           status: isCredit ? "new" : "not-a-customer-payment"))
                    if isCredit { summary.credits += 1 } else { summary.otherMovements += 1 }
                }
                guard !new.isEmpty else {
                    // Nothing new: `--match` still matches what was left waiting before.
                    if overrides != nil, toMatch[entity.id] == nil { toMatch[entity.id] = (entity, []) }
                    continue
                }
                let date = statement.date ?? new.compactMap(\.line.bookingDate).min() ?? BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
                let statementID = try await tx.insertStatement(bankAccountID: account.id, statement: BankStatementHeader(
                    reference: statement.statementID, date: date, format: file.format.rawValue, fileName: fileName, sha256: sha,
                    opening: statement.openingBalance?.minorUnits, closing: statement.closingBalance?.minorUnits))

                // Customer credits bring their cash into the books now; matching moves it on.
                let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
                let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
                let suspense = try Self.accountCode(.unidentifiedReceipts, in: accounts, entity: entity)
                // One receipt entry per booking day and currency: the bank account takes the day's
                // customer credits (its statement shows them one by one; the bank line keeps each and
                // names its receipt). An entry per line cost more than the rest of the import.
                // The entries come first, so that each line is stored naming its receipt.
                var rates = RateCache()
                var drafts: [BalancedEntry] = []
                var groupRates: [ExactDecimal?] = []
                let byDay = Dictionary(grouping: new.indices.filter { new[$0].kind == "customer-credit" },
                                       by: { GroupKey(day: new[$0].line.bookingDate ?? date, currency: new[$0].line.amount.currency) })
                    .sorted(by: { ($0.key.day, $0.key.currency.code) < ($1.key.day, $1.key.currency.code) })
                let closedThrough = try await tx.closedThrough(entityID: entity.id)
                for (key, group) in byDay {
                    if let closedThrough, key.day.period <= closedThrough {
                        throw DomainError(field: "date", "a credit booked on \(key.day), in \(key.day.period), which is closed (the books of \(entity.entity.code) are closed through \(closedThrough)): "
                                          + "nothing imported (a closed month is not reopened: ask the bank, or post the movement by hand in an open month)", location: "\(fileName):\(new[group[0]].line.sourceLine)")
                    }
                    let rate = try await rates.rate(key.currency, on: key.day, entity: entity, tx)
                    let total = Money(minorUnits: group.reduce(Int64(0)) { $0 + new[$1].line.amount.minorUnits }, currency: key.currency)
                    let first = new[group[0]]
                    let what = group.count == 1 ? "Receipt \(first.reference) — \(first.line.payerName ?? String(first.line.text.prefix(40)))"
                                                : "Receipts of \(key.day): \(group.count) customer credits"
                    var lines: [JournalLineDraft] = [.debit(account.ledgerAccount, total, rate: rate, memo: group.count == 1 ? first.reference : "\(group.count) credits"),
                                                     .credit(suspense, total, rate: rate, memo: "to match")]
                    // In a foreign currency each credit waits on its own line, at its own value:
                    // what moves it on later takes that value out (rounded alike), so no cent of
                    // the day's total rounded once stays in unidentified receipts.
                    if let rate {
                        let functional = entity.entity.functionalCurrency
                        let valued = group.map { Self.valued(new[$0].line.amount, at: rate, in: functional) }
                        lines = [.init(accountCode: account.ledgerAccount, side: .debit, amount: total, functionalAmount: Money(minorUnits: valued.reduce(0) { $0 + $1.minorUnits }, currency: functional),
                                       rate: rate, memo: "\(group.count) credits")]
                            + zip(group, valued).map { index, value in
                                .init(accountCode: suspense, side: .credit, amount: new[index].line.amount, functionalAmount: value, rate: rate, memo: new[index].reference)
                            }
                    }
                    drafts.append(try PostingRules.validate(JournalEntryDraft(
                        journal: .cash, date: key.day, description: "\(what) (\(fileName))", reference: statement.statementID ?? first.reference, lines: lines),
                        functionalCurrency: entity.entity.functionalCurrency, accounts: chart))
                    groupRates.append(rate)
                }
                // A receipt booked at an old rate is said: the books take it, a person may set the day's.
                for old in rates.stale {
                    summary.warnings.append("\(old.currency.code) credits of \(old.day) on \(statement.accountNumber) booked at the rate of \(old.rateDay) (\(old.rate), \(old.rateDay.days(until: old.day)) days before): "
                                            + "the last one set; `o2c fx set \(old.currency.code) \(old.day) RATE` before importing books the day's")
                }
                let posted = try await tx.post(drafts, into: entity, source: .bank)
                var receiptRates: [Int: ExactDecimal?] = [:]
                for ((_, group), (entry, rate)) in zip(byDay, zip(posted, groupRates)) {
                    for index in group { new[index].receiptEntryID = entry.id; receiptRates[index] = rate }
                }
                let ids = try await tx.insertBankLines(new, bankAccountID: account.id, statementID: statementID, date: date)
                summary.added += new.count
                if overrides != nil {
                    let stored = new.indices.filter { new[$0].kind == "customer-credit" }.map { index in
                        StoredBankLine(stored: new[index], id: ids[index], bankAccount: account.details.accountNumber, date: date, receiptRate: receiptRates[index] ?? nil)
                    }
                    toMatch[entity.id, default: (entity, [])].lines += stored
                }
                let debits = new.indices.filter { new[$0].kind != "customer-credit" }.map { index in
                    StoredBankLine(stored: new[index], id: ids[index], bankAccount: account.details.accountNumber, date: date, receiptRate: nil)
                }
                if !debits.isEmpty { outgoing[entity.id, default: (entity, [])].lines += debits }
                try await tx.audit("bank.import", subject: "bank-file", id: fileName, entityID: entity.id, before: nil as String?,
                                   after: ["account": statement.accountNumber, "lines": String(new.count), "credits": String(receiptRates.count), "sha256": sha])
            }
            steps.lap("storing the lines, receipts posted")
            if let overrides {
                for (entityID, batch) in toMatch.sorted(by: { $0.key < $1.key }) {
                    try await tx.lockCashApplication(entityID: entityID)
                    let currency = batch.entity.entity.functionalCurrency
                    let policy = try overrides.applied(to: try await tx.matchPolicy(entityID: entityID, currency: currency), currency: currency)
                    // Lines left waiting before this file are matched first, as `cash match` would.
                    let waiting = try await tx.bankLines(entityID: entityID, statuses: ["new"], before: batch.lines.map(\.id).min())
                        .filter { $0.kind == "customer-credit" }
                    steps.lap("lines left waiting before, the policy")
                    let done = try await Self.match(waiting + batch.lines, policy: policy, entity: batch.entity, payers: payers, tx)
                    summary.match = summary.match.map { $0 + done } ?? done
                    steps.skip()
                }
            }
            // The bank took back a credit it brought before (after this file's own credits are
            // matched, which skip what it takes back on the same statement): booked as its return.
            for (entityID, batch) in outgoing.sorted(by: { $0.key < $1.key }) {
                try await tx.lockCashApplication(entityID: entityID)
                let returns = try await bookReturns(batch.lines, entity: batch.entity, tx)
                summary.returns += returns.booked
                summary.returnsToReview += returns.toReview
            }
            summary.steps = steps
            return summary
        }
    }

    /// Saves a CSV mapping under its name.
    public func saveCSVMapping(_ mapping: BankCSVMapping) async throws {
        try mapping.validate()
        let spec = String(decoding: try JSONEncoder().encode(mapping), as: UTF8.self)
        try await store.write(actor: actor) { tx in try await tx.saveCSVMapping(name: mapping.name, spec: spec) }
    }

    public func csvMapping(_ name: String) async throws -> BankCSVMapping {
        guard let spec = try await store.read({ tx in try await tx.csvMapping(name: name) }) else {
            throw DomainError(field: "--mapping", "no CSV mapping '\(name)': `o2c bank mappings list` shows them")
        }
        return try JSONDecoder().decode(BankCSVMapping.self, from: Data(spec.utf8))
    }

    public func csvMappings() async throws -> [BankCSVMapping] {
        try await store.read { tx in try await tx.csvMappings() }.map { try JSONDecoder().decode(BankCSVMapping.self, from: Data($0.utf8)) }
    }

    /// BAI2 starts with its 01 record; camt is XML naming its message.
    static func detectFormat(_ data: Data, fileName: String) throws(DomainError) -> BankFileFormat {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if head.hasPrefix("01,") { return .bai2 }
        if head.hasPrefix("<") {
            if head.contains("camt.054") || head.contains("BkToCstmrDbtCdtNtfctn") { return .camt054 }
            if head.contains("camt.053") || head.contains("BkToCstmrStmt") { return .camt053 }
            throw DomainError(field: "--format", "an XML file that is not a camt.053 or camt.054 statement", location: fileName)
        }
        throw DomainError(field: "--format", "not a BAI2 or camt file; a CSV export is read through a saved mapping: `o2c bank mappings add NAME …`, then --mapping NAME", location: fileName)
    }

    /// Account numbers compared by their letters and digits: `004-12345-6789012` is `004123456789012`.
    static func accountKey(_ number: String) -> String { String(number.uppercased().filter { $0.isLetter || $0.isNumber }) }

    // MARK: Open items from a previous system

    /// Imports open receivables from a previous system (customer_code, invoice_number,
    /// issue_date, due_date, currency, amount, open_amount) and posts their opening balance:
    /// receivable per customer / opening balance equity, one entry per currency, on `date`.
    public func importOpenItems(_ data: Data, fileName: String, on date: BusinessDate?, entity code: String?) async throws -> OpenItemsImportSummary {
        let table: CSVTable
        do { table = try CSVTable(data, fileName: fileName) } catch { throw FileErrors([error]) }
        let needed = ["customer_code", "invoice_number", "issue_date", "due_date", "currency", "amount", "open_amount"]
        let missing = needed.filter { table.column($0) == nil }
        if !missing.isEmpty { throw FileErrors(missing.map { DomainError(field: $0, "the header needs this column", location: "\(fileName):1") }) }
        return try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let customers = try await tx.loadCustomers()
            let existing = Dictionary(try await tx.invoices(entityID: entity.id, status: .issued).compactMap { invoice in invoice.number.map { ($0, invoice) } },
                                      uniquingKeysWith: { first, _ in first })
            var errors: [DomainError] = []
            var rows: [(StoredInvoice, open: Int64)] = []
            var seen = Set<String>()
            var summary = OpenItemsImportSummary()
            for record in table.records {
                func fail(_ field: String, _ message: String) { errors.append(DomainError(field: field, message, location: "\(fileName):\(record.line)")) }
                let value = { (name: String) in table.value(record, table.column(name)) }
                let customer = value("customer_code"), number = value("invoice_number")
                guard customers[customer] != nil else { fail("customer_code", "unknown customer '\(customer)'"); continue }
                guard !number.isEmpty else { fail("invoice_number", "empty"); continue }
                guard seen.insert(number).inserted else { fail("invoice_number", "\(number) appears twice"); continue }
                do {
                    let currency = try Currency(code: value("currency"))
                    let issue = try BusinessDate(parsing: value("issue_date"), field: "issue_date")
                    let amount = try AmountFormat.canonical.parse(value("amount"), currency: currency, field: "amount")
                    // Imported before (or issued here): the same item again changes nothing; another
                    // item under a number already taken is a mistake to fix in the file, not to skip.
                    if let known = existing[number] {
                        let signed = known.kind == .creditNote ? -known.total.minorUnits : known.total.minorUnits
                        if known.billTo != customer {
                            fail("customer_code", "\(number) is already in the books for \(known.billTo), not \(customer)")
                        } else if known.currency != currency {
                            fail("currency", "\(number) is already in the books in \(known.currency.code), not \(currency.code)")
                        } else if signed != amount.minorUnits {
                            fail("amount", "\(number) is already in the books for \(Money(minorUnits: signed, currency: currency).decimalString) \(currency.code), not \(amount.decimalString)")
                        } else {
                            summary.alreadyImported += 1
                        }
                        continue
                    }
                    // A credit note is due on no day: its column may be empty.
                    let due = amount.isNegative && value("due_date").isEmpty ? issue : try BusinessDate(parsing: value("due_date"), field: "due_date")
                    let open = try AmountFormat.canonical.parse(value("open_amount"), currency: currency, field: "open_amount")
                    // An export of open items may list an empty invoice: nothing to carry over.
                    if open.isZero, amount.isZero { summary.nothingOpen += 1; continue }
                    // A negative row is a credit note the customer has not used up (a return, a
                    // rebate): carried over as a credit note of no invoice, its credit left open.
                    let credit = amount.isNegative
                    if credit {
                        guard !open.isPositive, open >= amount else { fail("open_amount", "a credit note's open amount is between its amount and 0 (negative, as the amount)"); continue }
                    } else {
                        guard !open.isNegative, open <= amount else { fail("open_amount", "what is open is between 0 and the amount"); continue }
                    }
                    let days = max(0, min(365, issue.days(until: due)))
                    let total = Money(minorUnits: abs(amount.minorUnits), currency: currency)
                    let line = StoredInvoice.Line(number: 1, ioNumber: nil, ioRevision: nil, ioLine: nil,
                                                  description: credit ? "Open credit note from the previous system" : "Open item from the previous system",
                                                  quantity: 1, unitRate: total.decimalString, amount: total, overDelivered: 0)
                    var invoice = StoredInvoice(id: 0, kind: credit ? .creditNote : .invoice, status: .issued, series: "OPEN", number: number, ioNumber: nil, ioRevision: nil,
                                                billTo: customer, period: issue.period, currency: currency, paymentTerms: .net(days), poNumber: nil,
                                                issueDate: issue, dueDate: credit ? nil : due, net: total, tax: .zero(currency), total: total, entryNumber: nil,
                                                lines: [line], taxes: [])
                    invoice.reason = "imported from \(fileName)"
                    rows.append((invoice, open.minorUnits))
                    // A settled invoice is carried over as settled, its number known: a payment naming
                    // it again is then read as a duplicate, not as a mistyped number of another invoice.
                    if open.isZero { summary.settled += 1 }
                } catch let error as DomainError {
                    errors.append(DomainError(field: error.field, error.message, location: "\(fileName):\(record.line)"))
                }
            }
            if !errors.isEmpty { throw FileErrors(errors) }
            guard !rows.isEmpty else { return summary }
            let ids = try await tx.insertInvoices(rows.map(\.0), entityID: entity.id, ioIDs: [:], billToIDs: customers.mapValues(\.id))
            // Paid in the previous system: what is not open is settled before the books start (of
            // a credit note, the credit used: a negative allocation, as `apply-credit` writes).
            try await tx.insertAllocations(zip(rows, ids).compactMap { row, id in
                let credit = row.0.kind == .creditNote
                let settled = credit ? -(row.0.total.minorUnits + row.open) : row.0.total.minorUnits - row.open
                return settled != 0 ? NewAllocation(customerID: customers[row.0.billTo]!.id, bankLineID: nil, invoiceID: id, kind: "prior",
                                                    amount: Money(minorUnits: settled, currency: row.0.currency), entryID: nil, method: "import",
                                                    confidence: nil, explanation: credit ? "used before \(fileName) was imported" : "settled before \(fileName) was imported") : nil
            }, entityID: entity.id)
            // The opening balance: receivable per invoice (less per credit note), against opening
            // equity, per currency.
            let day = date ?? BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
            let receivable = try Self.accountCode(.receivable, in: accounts, entity: entity)
            let equity = try Self.accountCode(.openingBalance, in: accounts, entity: entity)
            var rates = RateCache()
            let open = zip(rows, ids).filter { $0.0.open != 0 }
            for (currency, group) in Dictionary(grouping: open.map { ($0.0, $0.1) }, by: { $0.0.0.currency }).sorted(by: { $0.key.code < $1.key.code }) {
                let rate = try await rates.rate(currency, on: day, entity: entity, tx)
                var lines: [JournalLineDraft] = group.map { row in
                    row.0.open > 0 ? .debit(receivable, Money(minorUnits: row.0.open, currency: currency), customer: row.0.0.billTo, rate: rate, memo: row.0.0.number)
                        : .credit(receivable, Money(minorUnits: -row.0.open, currency: currency), customer: row.0.0.billTo, rate: rate, memo: row.0.0.number)
                }
                // Credit notes may outweigh the invoices: equity then takes the difference as a debit.
                let total = group.reduce(Int64(0)) { $0 + $1.0.open }
                if total > 0 { lines.append(.credit(equity, Money(minorUnits: total, currency: currency), rate: rate, memo: "opening receivables")) }
                if total < 0 { lines.append(.debit(equity, Money(minorUnits: -total, currency: currency), rate: rate, memo: "opening receivables, credit notes beyond")) }
                let entry = try PostingRules.validate(JournalEntryDraft(journal: .miscellaneous, date: day, description: "Open receivables in \(currency.code) from \(fileName)",
                                                                        reference: "OPEN-\(currency.code)", lines: lines),
                                                      functionalCurrency: entity.entity.functionalCurrency, accounts: chart)
                let posted = try await tx.post([entry], into: entity, source: .import)[0]
                try await tx.setInvoiceEntries(group.enumerated().map { ($0.element.1, posted.id, $0.offset + 1) })
                summary.entries.append(posted.number)
            }
            summary.added = open.filter { $0.0.0.kind == .invoice }.count
            summary.credits = open.count - summary.added
            try await tx.fillMatchKeys(entityID: entity.id)
            try await tx.audit("invoices.import-open", subject: "file", id: fileName, entityID: entity.id, before: nil as String?,
                               after: ["added": summary.added, "credits": summary.credits, "settled": summary.settled, "already": summary.alreadyImported])
            return summary
        }
    }

    // MARK: Matching

    /// Matches every bank line waiting for it, and books what it decides: applied lines move
    /// their cash from unidentified receipts to the invoices (a fee to bank charges, an excess to
    /// the customer's unapplied cash, an exchange difference to FX gain or loss); lines of a
    /// known customer with nothing to settle go to its unapplied cash; proposals wait for a person.
    public func matchCash(_ overrides: MatchOverrides = MatchOverrides(), entity code: String?) async throws -> CashMatchSummary {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            try await tx.lockCashApplication(entityID: entity.id)
            let currency = entity.entity.functionalCurrency
            let policy = try overrides.applied(to: try await tx.matchPolicy(entityID: entity.id, currency: currency), currency: currency)
            let lines = try await tx.bankLines(entityID: entity.id, statuses: ["new"]).filter { $0.kind == "customer-credit" }
            return try await Self.match(lines, policy: policy, entity: entity, tx)
        }
    }

    /// Matches `lines` (customer credits waiting, in the bank's order) of `entity` and books
    /// what is decided; the caller holds the entity's cash-application lock.
    static func match(_ lines: [StoredBankLine], policy: MatchPolicy, entity: EntityRecord, payers given: MatchPayers? = nil, _ tx: Transaction) async throws -> CashMatchSummary {
        var summary = CashMatchSummary(lines: lines.count)
        guard let first = lines.map(\.id).min(), let last = lines.map(\.id).max() else { return summary }
        // A credit the bank took back on the same statement (a cheque returned NSF, a wire
        // recalled, a posting corrected) pays nothing: the cash did not stay.
        // (Money out only: a reversal the other way gives money back.)
        let outgoing = try await tx.bankLines(entityID: entity.id, returning: first...last).filter { $0.direction == "debit" }
        let movement = { (line: StoredBankLine) in
            BankMovement(reference: line.reference, account: line.bankAccount, amount: line.amount, date: line.bookingDate, text: line.text, payer: line.payerName,
                         payerWords: line.payerName ?? "", customerReference: line.customerReference, typeCode: line.typeCode)
        }
        let returns = outgoing.isEmpty ? (taken: [:], doubted: [:]) : BankReturns.returned(credits: lines.map(movement), by: outgoing.map(movement),
                                                                                       reversals: Set(outgoing.indices.filter { outgoing[$0].kind == "reversal" || BankReturns.isReturnCode(outgoing[$0].typeCode) }))
        let returnedBy = returns.taken
        // One of several credits alike was taken back: none of them is applied without a person.
        let doubtedLines = Dictionary(uniqueKeysWithValues: returns.doubted.map { (lines[$0.key].id, outgoing[$0.value].reference) })
        var decisions: [(line: StoredBankLine, decision: MatchDecision)] = returnedBy.sorted(by: { $0.key < $1.key }).map { credit, debit in
            (lines[credit], BankReturns.decision(movement(lines[credit]), returnedBy: movement(outgoing[debit])))
        }
        summary.notCustomerPayments += decisions.count
        let lines = returnedBy.isEmpty ? lines : lines.indices.filter { returnedBy[$0] == nil }.map { lines[$0] }
        // Read every line first (pure, on every core), then load only the invoices the
        // readings can name: by their keys, then the payers' own when a line names none.
        try await tx.fillMatchKeys(entityID: entity.id)
        let payers: MatchPayers
        if let given { payers = given } else { payers = MatchPayers(try await tx.payerIdentities()) }
        let customerIDs = Dictionary(payers.identities.map { ($0.payer.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        let readings = await Self.read(lines.map { line in
            IncomingPayment(amount: line.amount, payerName: line.payerName, payerAccount: line.payerAccount, text: line.text,
                            references: line.structuredReferences, bankReference: line.customerReference, date: line.bookingDate)
        }, with: await payers.directory.value)
        summary.steps.lap("reading the lines (text, numbers, payers)")
        var found = try await tx.invoicesByMatchKeys(entityID: entity.id, digits: Set(readings.flatMap { $0.candidates + $0.afterDocumentNumbers }),
                                                     tails: Set(readings.flatMap(\.tailKeys)), groups: Set(readings.flatMap(\.groupKeys)))
        let followUp = CashMatcher.followUp(readings, found: found.map(\.item), policy: policy)
        found += try await tx.openItems(entityID: entity.id, customers: followUp.pools)
        found += try await tx.invoicesByMatchKeys(entityID: entity.id, digits: followUp.nearMisses, tails: [], groups: [], beginning: followUp.cutNumbers)
        found += try await tx.openCreditNotes(entityID: entity.id)
        summary.steps.lap("loading the invoices they can name")
        var receivables = BookedReceivables(found)
        var matcher = CashMatcher(openItems: found.map(\.item).filter(Self.isOpen),
                                  settledNumbers: found.map(\.item).filter { !Self.isOpen($0) && !$0.isCreditNote }.map { ($0.number, $0.customer) }, policy: policy,
                                  pools: followUp.pools, nearMissKeys: followUp.nearMisses, cutNumbers: followUp.cutNumbers)
        let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
        let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
        let role = { (role: AccountRole) throws(DomainError) in try Self.accountCode(role, in: accounts, entity: entity) }
        let functional = entity.entity.functionalCurrency
        // Entries go into the line's month, or the first open one when that is closed.
        let firstOpen = try await tx.closedThrough(entityID: entity.id)?.next.firstDay

        // One cash-application entry per day and currency for the whole run; each line's part
        // of it (the lines it adds, numbered from 1) is kept on its allocations, so that one
        // bank line can be un-allocated alone.
        var groups: [GroupKey: (lines: [JournalLineDraft], count: Int)] = [:]
        var parts: [Int: (group: GroupKey, lines: ClosedRange<Int>)] = [:]
        // What each line's allocations took off their invoices' receivable in the functional currency.
        var reliefsOf: [Int: [Int64: Int64]] = [:]
        for (line, reading) in zip(lines, readings) {
            var decision: MatchDecision
            // A line that needs invoices the run did not load (what it named was settled by a
            // line before it) gets them now.
            deciding: while true {
                switch matcher.step(reading) {
                case .decided(let decided):
                    decision = decided
                    break deciding
                case .needs(.pool(let payer, let upTo)):
                    let more = try await tx.openItems(entityID: entity.id, customers: [payer: upTo])
                    receivables.add(more)
                    matcher.learn(more.map(\.item), pool: (payer, upTo))
                case .needs(.nearMisses(let keys)):
                    let more = try await tx.invoicesByMatchKeys(entityID: entity.id, digits: keys, tails: [], groups: [])
                    receivables.add(more)
                    matcher.learn(more.map(\.item).filter(Self.isOpen), settledNumbers: more.map(\.item).filter { !Self.isOpen($0) && !$0.isCreditNote }.map { ($0.number, $0.customer) },
                                  nearMissKeys: keys)
                }
            }
            if let debit = doubtedLines[line.id], decision.status == .applied {
                decision.status = .proposed
                decision.confidence = min(decision.confidence, 60)
                decision.explanation += "; but the bank took back a credit like it on this statement (\(debit)): which one, a person says"
            }
            decisions.append((line, decision))
            switch decision.status {
            case .applied: summary.applied += 1
            case .proposed: summary.proposed += 1
            case .unapplied: summary.unapplied += 1
            case .notCustomerPayment: summary.notCustomerPayments += 1
            }
            // Cash moves when it is applied, or kept on a known customer's account.
            guard decision.status == .applied || (decision.status == .unapplied && decision.customer != nil) else { continue }
            // The cash moves on at the rate it came in at.
            let rate = line.amount.currency == functional ? nil : line.receiptRate
            let excess = decision.status == .unapplied ? line.amount.minorUnits : decision.unapplied
            var reliefs: [Int64: Int64] = [:]
            for allocation in decision.allocations { reliefs[allocation.invoiceID] = receivables.relieve(allocation.invoiceID, by: allocation.amount, functional: functional) }
            reliefsOf[decisions.count - 1] = reliefs
            let drafts = try Self.cashApplicationLines(
                from: .init(accountCode: try role(.unidentifiedReceipts), side: .debit, amount: line.amount, memo: line.reference),
                rate: rate, fee: decision.fee, discount: decision.discounts.values.reduce(0, +), to: decision.customer,
                settling: decision.allocations.map { ($0.invoice, $0.customer, $0.amount, receivables.rate(of: $0.invoiceID) ?? rate, reliefs[$0.invoiceID]) },
                excess: excess, reference: line.reference, functional: functional, role: role)
            let key = GroupKey(day: max(line.bookingDate, firstOpen ?? line.bookingDate), currency: line.amount.currency)
            let start = (groups[key]?.lines.count ?? 0) + 1
            groups[key, default: ([], 0)].lines += drafts
            groups[key]!.count += 1
            parts[decisions.count - 1] = (key, start...(start + drafts.count - 1))
        }
        summary.steps.lap("deciding")
        let keys = groups.keys.sorted { ($0.day, $0.currency.code) < ($1.day, $1.currency.code) }
        let posted = try await tx.post(try keys.map { key throws(DomainError) in
            let group = groups[key]!
            return try PostingRules.validate(JournalEntryDraft(
                journal: .cash, date: key.day, description: "Cash application of \(group.count) bank line\(group.count == 1 ? "" : "s") (\(key.currency.code))",
                reference: "cash match", lines: group.lines), functionalCurrency: functional, accounts: chart)
        }, into: entity, source: .bank)
        let entryOfGroup = Dictionary(uniqueKeysWithValues: zip(keys, posted.map(\.id)))
        summary.steps.lap("posting the cash-application entries")

        var allocations: [NewAllocation] = []
        var records: [LineDecision] = []
        for (index, (line, decision)) in decisions.enumerated() {
            let customerID = decision.customer.flatMap { customerIDs[$0] }
            // Each part settles its invoice's customer (one payment may pay for several).
            let entryID = parts[index].map { entryOfGroup[$0.group]! }
            let first = allocations.count
            defer { for k in first..<allocations.count { allocations[k].entryLines = parts[index]?.lines } }
            if let entryID {
                for (position, allocation) in decision.allocations.enumerated() {
                    // The last invoice carries the fee: paid in cash less the charge, settled in full.
                    let fee = position == decision.allocations.count - 1 ? decision.fee : 0
                    let discount = decision.discounts[allocation.invoiceID] ?? 0
                    let relief = reliefsOf[index]?[allocation.invoiceID]
                    allocations.append(NewAllocation(customerID: customerIDs[allocation.customer], bankLineID: line.id, invoiceID: allocation.invoiceID, kind: "payment",
                                                     amount: Money(minorUnits: allocation.amount - fee - discount, currency: line.amount.currency), entryID: entryID,
                                                     method: "auto", confidence: decision.confidence, explanation: nil, functional: relief))
                    if discount > 0 {
                        allocations.append(NewAllocation(customerID: customerIDs[allocation.customer], bankLineID: line.id, invoiceID: allocation.invoiceID, kind: "discount",
                                                         amount: Money(minorUnits: discount, currency: line.amount.currency), entryID: entryID,
                                                         method: "auto", confidence: decision.confidence, explanation: "prompt-payment discount within the entity's limit",
                                                         functional: relief.map { _ in 0 }))
                    }
                    if fee > 0 {
                        allocations.append(NewAllocation(customerID: customerIDs[allocation.customer], bankLineID: line.id, invoiceID: allocation.invoiceID, kind: "fee",
                                                         amount: Money(minorUnits: fee, currency: line.amount.currency), entryID: entryID,
                                                         method: "auto", confidence: decision.confidence, explanation: "bank charge within tolerance",
                                                         functional: relief.map { _ in 0 }))
                    }
                }
                let excess = decision.status == .unapplied ? line.amount.minorUnits : decision.unapplied
                if excess > 0 {
                    allocations.append(NewAllocation(customerID: customerID, bankLineID: line.id, invoiceID: nil, kind: "unapplied",
                                                     amount: Money(minorUnits: excess, currency: line.amount.currency), entryID: entryID,
                                                     method: "auto", confidence: decision.confidence, explanation: nil))
                }
            }
            let proposal = decision.status == .proposed
                ? CashProposal(parts: decision.allocations.map { CashProposal.Part(invoice: $0.invoice, amount: $0.amount) }, fee: decision.fee,
                               discounts: Dictionary(decision.allocations.compactMap { a in decision.discounts[a.invoiceID].map { (a.invoice, $0) } }, uniquingKeysWith: { first, _ in first }))
                    .text(currency: line.amount.currency)
                : nil
            var record = LineDecision(lineID: line.id, status: decision.status.rawValue, customerID: customerID, confidence: decision.confidence,
                                      explanation: decision.explanation, proposal: proposal, entryID: entryID)
            record.deduction = decision.status == .applied && decision.deduction > 0 ? decision.deduction : nil
            records.append(record)
        }
        try await tx.insertAllocations(allocations, entityID: entity.id)
        try await tx.recordDecisions(records)
        try await tx.audit("cash.match", subject: "entity", id: entity.entity.code, entityID: entity.id, before: nil as String?,
                           after: ["lines": summary.lines, "applied": summary.applied, "proposed": summary.proposed, "unapplied": summary.unapplied])
        summary.steps.lap("storing allocations and decisions")
        return summary
    }

    /// An invoice with something open, or a credit note of no invoice with credit left: what the
    /// matcher may allocate to. (An invoice paid and then credited is settled, not a credit note.)
    static func isOpen(_ item: OpenItem) -> Bool { item.isCreditNote ? item.open < 0 : item.open > 0 }

    /// The customers a match run reads payers against, with their directory, which is built in a
    /// task of its own from the start: an import stores its lines meanwhile.
    struct MatchPayers: Sendable {
        let identities: [(id: Int64, payer: PayerIdentity)]
        let directory: Task<PayerDirectory, Never>

        init(_ identities: [(id: Int64, payer: PayerIdentity)]) {
            self.identities = identities
            let payers = identities.map(\.payer)
            directory = Task.detached { PayerDirectory(payers) }
        }
    }

    /// Reads payments on every core: reading is pure and the most costly part of deciding.
    static func read(_ payments: [IncomingPayment], with directory: PayerDirectory) async -> [PaymentReading] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, payments.count / 500))
        guard parts > 1 else { return payments.map(directory.read) }
        let size = (payments.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [PaymentReading]).self) { group in
            for part in 0..<parts {
                let slice = Array(payments[min(payments.count, part * size)..<min(payments.count, (part + 1) * size)])
                group.addTask { (part, slice.map(directory.read)) }
            }
            var done: [Int: [PaymentReading]] = [:]
            for await (part, readings) in group { done[part] = readings }
            return (0..<parts).flatMap { done[$0]! }
        }
    }

    /// Every bank line (or the one with `reference`) with what cash application made of it.
    public func cashAllocations(reference: String? = nil, entity code: String?) async throws -> [CashAllocationRow] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            var lines: [StoredBankLine]
            var lineID: Int64?
            if let reference {
                guard let (line, _) = try await tx.bankLine(reference: reference, entityID: entity.id) else {
                    throw DomainError(field: "reference", "no bank line \(reference) in \(entity.entity.code)")
                }
                lines = [line]
                lineID = line.id
            } else {
                lines = try await tx.bankLines(entityID: entity.id)
            }
            let byLine = Dictionary(grouping: try await tx.allocations(entityID: entity.id, bankLineID: lineID).filter { $0.bankLineID != nil }, by: { $0.bankLineID! })
            // What refunds paid back of each line's cash on the account, and by which debits.
            var paidBack: [String: [(reference: String, amount: Int64)]] = [:]
            // And which debit took back a credit the bank returned.
            var takenBack: [String: String] = [:]
            if let lineID {
                paidBack[lines[0].reference] = try await tx.refunds(ofLine: lineID)
                let by = try await tx.returns(ofLine: lineID)
                takenBack[lines[0].reference] = by.isEmpty ? nil : by.joined(separator: ", ")
            } else {
                let references = Dictionary(uniqueKeysWithValues: lines.map { ($0.id, $0.reference) })
                for allocations in byLine.values {
                    for refund in allocations where refund.kind == "refund" || refund.kind == "return" {
                        guard let source = refund.sourceLine, let debit = refund.bankLineID.flatMap({ references[$0] }) else { continue }
                        if refund.kind == "return" { takenBack[source] = takenBack[source].map { [$0, debit].sorted().joined(separator: ", ") } ?? debit } else { paidBack[source, default: []].append((debit, -refund.amount.minorUnits)) }
                    }
                }
            }
            return lines.map { line in
                let refunds = paidBack[line.reference] ?? []
                let refunded = refunds.reduce(Int64(0)) { $0 + $1.amount }
                let allocations = byLine[line.id] ?? []
                var perInvoice: [(String, String?, Int64)] = []
                for allocation in allocations where allocation.invoice != nil && ["payment", "fee", "discount"].contains(allocation.kind) {
                    if let index = perInvoice.firstIndex(where: { $0.0 == allocation.invoice! }) { perInvoice[index].2 += allocation.amount.minorUnits }
                    else { perInvoice.append((allocation.invoice!, allocation.customer, allocation.amount.minorUnits)) }
                }
                return CashAllocationRow(
                    bank_reference: line.reference, account: line.bankAccount, date: line.bookingDate.description, amount: line.amount.minorUnits,
                    currency: line.amount.currency.code, direction: line.direction, status: line.status, customer: line.customer,
                    allocations: perInvoice.map { .init(invoice: $0.0, customer: $0.1, amount: $0.2) },
                    fee: allocations.filter { $0.kind == "fee" }.reduce(0) { $0 + $1.amount.minorUnits },
                    discount: allocations.filter { $0.kind == "discount" }.reduce(0) { $0 + $1.amount.minorUnits },
                    unapplied: allocations.filter { $0.kind == "unapplied" }.reduce(0) { $0 + $1.amount.minorUnits },
                    deduction: line.status == "applied" ? line.deduction : nil, confidence: line.confidence,
                    explanation: (line.explanation ?? Self.why(line)).map { why in
                        refunds.isEmpty ? why : why + "; " + refunds.map { "\(Money(minorUnits: $0.amount, currency: line.amount.currency).decimalString) paid back by \($0.reference)" }.joined(separator: ", ")
                    },
                    text: line.text, proposed: line.status == "proposed" ? Self.proposedAllocations(line.proposal, currency: line.amount.currency) : [],
                    refunds: allocations.filter { $0.kind == "refund" }.map { .init(source: $0.sourceLine ?? $0.invoice ?? "", amount: -$0.amount.minorUnits) },
                    refunded: refunded, returns: allocations.first(where: { $0.kind == "return" })?.sourceLine, returned_by: takenBack[line.reference])
            }
        }
    }
}

extension Books {
    /// A stored proposal as allocations: what each invoice would be settled by (fee and discount included).
    static func proposedAllocations(_ text: String?, currency: Currency) -> [CashAllocationRow.Allocation] {
        guard let text, !text.isEmpty, let proposal = try? CashProposal(text: text, currency: currency) else { return [] }
        return proposal.parts.map { CashAllocationRow.Allocation(invoice: $0.invoice, customer: nil, amount: $0.amount) }
    }

    /// Why a line nobody matched is what it is.
    static func why(_ line: StoredBankLine) -> String? {
        switch (line.kind, line.status) {
        case (_, "new"): "not matched yet: run `o2c cash match`"
        case ("debit", _): "a debit of the account: kept and shown, not matched"
        case ("reversal", _): "the bank reversed an earlier movement: kept for a person to review"
        default: nil
        }
    }
}

extension Books {
    /// The lines of a cash application: the cash from where it waits (`from`, unidentified
    /// receipts or the customer's unapplied cash), a bank charge, the receivable per invoice (on
    /// the invoice's customer: one payment may settle several customers' invoices) at
    /// the rate it was booked at, an excess to the customer's unapplied cash (with no customer,
    /// the excess does not leave `from`), and the realized
    /// exchange difference. The cash and the charge move at `rate`, the rate the cash came in at.
    static func cashApplicationLines(from source: JournalLineDraft, rate: ExactDecimal?, fee: Int64, discount: Int64 = 0, to customer: String?,
                                     settling invoices: [(invoice: String, customer: String, amount: Int64, rate: ExactDecimal?, functional: Int64?)], excess: Int64, reference: String,
                                     functional: Currency, role account: (AccountRole) throws(DomainError) -> String) throws(DomainError) -> [JournalLineDraft] {
        let currency = source.amount.currency
        let foreign = currency != functional
        if foreign, rate == nil || invoices.contains(where: { $0.rate == nil }) {
            throw DomainError(field: "fx", "a \(currency.code) cash application needs the rates its cash and invoices were booked at (\(reference))")
        }
        func valued(_ minor: Int64, _ rate: ExactDecimal?) -> Money {
            guard let rate, foreign else { return Money(minorUnits: minor, currency: functional) }
            return Self.valued(Money(minorUnits: minor, currency: currency), at: rate, in: functional)
        }
        func line(_ role: AccountRole, _ side: Side, _ minor: Int64, at rate: ExactDecimal?, customer: String? = nil, memo: String) throws(DomainError) -> JournalLineDraft {
            .init(accountCode: try account(role), customerCode: customer, side: side, amount: Money(minorUnits: minor, currency: currency),
                  functionalAmount: foreign ? valued(minor, rate) : nil, memo: memo)
        }
        var source = source
        // An excess of no customer's (cheques of no known payer in a deposit) stays where it waits.
        if excess > 0, customer == nil { source.amount = Money(minorUnits: source.amount.minorUnits - excess, currency: currency) }
        // (Cash taken off a customer's account whole may come with what the account holds of it.)
        if foreign, source.functionalAmount == nil { source.functionalAmount = valued(source.amount.minorUnits, rate) }
        var lines = [source]
        var debit = source.functionalAmount?.minorUnits ?? valued(source.amount.minorUnits, rate).minorUnits, credit: Int64 = 0
        if fee > 0 {
            lines.append(try line(.bankFees, .debit, fee, at: rate, memo: "charge withheld on \(reference)"))
            debit += valued(fee, rate).minorUnits
        }
        if discount > 0 {
            lines.append(try line(.salesDiscounts, .debit, discount, at: rate, memo: "prompt-payment discount taken on \(reference)"))
            debit += valued(discount, rate).minorUnits
        }
        for invoice in invoices {
            // What the receivable gives up: at the invoice's rate, or what is left of it for the
            // payment that settles it (`functional`, from `BookedReceivables`). A credit note
            // netted (a negative amount) gives the receivable back its credit: a debit.
            let netted = invoice.amount < 0
            var relief = try line(.receivable, netted ? .debit : .credit, abs(invoice.amount), at: invoice.rate, customer: invoice.customer, memo: invoice.invoice)
            if foreign, let functionalAmount = invoice.functional { relief.functionalAmount = Money(minorUnits: abs(functionalAmount), currency: functional) }
            lines.append(relief)
            if netted { debit += relief.functionalAmount?.minorUnits ?? -invoice.amount } else { credit += relief.functionalAmount?.minorUnits ?? invoice.amount }
        }
        if excess > 0, let customer {
            lines.append(try line(.unappliedCash, .credit, excess, at: rate, customer: customer, memo: reference))
            credit += valued(excess, rate).minorUnits
        }
        // Booked at the invoice's rate, received at another: the difference is realized.
        if foreign, debit != credit {
            let gain = debit > credit
            lines.append(.init(accountCode: try account(gain ? .fxGain : .fxLoss), side: gain ? .credit : .debit, amount: .zero(currency),
                               functionalAmount: Money(minorUnits: abs(debit - credit), currency: functional), memo: "realized on \(reference)"))
        }
        return lines
    }
}

extension Books {
    /// A foreign amount of cash in the functional currency at `rate`, rounded half up: how a
    /// credit's cash is valued where it waits and wherever it moves on, so that what comes out
    /// of an account is what went in.
    static func valued(_ amount: Money, at rate: ExactDecimal, in functional: Currency) -> Money {
        amount.multiplied(by: rate, rounding: .halfUp, into: functional)
    }

    /// What a bank line's cash on one customer's account holds in the functional currency: each
    /// amount put on it less each taken off, valued at the rate the cash came in at as they were
    /// booked. The movement that empties the account takes this, so no cent of exchange stays.
    static func heldOnAccount(_ rows: [(id: Int64, invoiceID: Int64?, customerID: Int64?, kind: String, amount: Money, entryID: Int64?)], customerID: Int64,
                              rate: ExactDecimal, functional: Currency) -> Int64 {
        rows.filter { $0.kind == "unapplied" && $0.customerID == customerID }.reduce(Int64(0)) { held, row in
            let valued = Self.valued(Money(minorUnits: abs(row.amount.minorUnits), currency: row.amount.currency), at: rate, in: functional).minorUnits
            return held + (row.amount.minorUnits < 0 ? -valued : valued)
        }
    }
}

/// How the receivable of each invoice a cash application touches was booked, and what it still
/// holds: rate (nil in the functional currency), what is open, and what is left of it in the
/// functional currency when known. A payment relieves the receivable at the invoice's rate; the
/// one that settles the invoice relieves exactly what is left, so that no cent of exchange
/// difference stays on an invoice paid in several parts.
struct BookedReceivables {
    private var booked: [Int64: (currency: Currency, rate: ExactDecimal?, open: Int64, functionalOpen: Int64?)] = [:]

    init(_ items: [Transaction.BookedOpenItem] = []) { add(items) }

    /// Invoices not held yet (those held keep what this run took off them).
    mutating func add(_ items: [Transaction.BookedOpenItem]) {
        for (item, rate, functionalOpen) in items where booked[item.id] == nil {
            booked[item.id] = (item.currency, rate, item.open, functionalOpen)
        }
    }

    func rate(of invoiceID: Int64) -> ExactDecimal? { booked[invoiceID]?.rate }

    /// What `amount` of invoice `invoiceID` takes off its receivable in the functional currency
    /// (nil for an invoice in the functional currency), and takes it.
    mutating func relieve(_ invoiceID: Int64, by amount: Int64, functional: Currency) -> Int64? {
        guard var entry = booked[invoiceID], let rate = entry.rate else { return nil }
        let atRate = Money(minorUnits: amount, currency: entry.currency).multiplied(by: rate, rounding: .halfUp, into: functional).minorUnits
        // (Of a credit note, amounts and what is left are negative.)
        let relief = amount == entry.open ? entry.functionalOpen.flatMap { $0 != 0 && ($0 > 0) == (amount > 0) ? $0 : nil } ?? atRate : atRate
        entry.open -= amount
        entry.functionalOpen = entry.functionalOpen.map { $0 - relief }
        booked[invoiceID] = entry
        return relief
    }
}

/// A booking day and a currency: what one receipt entry gathers.
private struct GroupKey: Hashable {
    let day: BusinessDate
    let currency: Currency
}

/// Exchange rates looked up once per currency and day.
struct RateCache {
    private var known: [String: ExactDecimal?] = [:]
    /// Rates used for a day more than `staleAfter` days after they were set: what the caller says.
    private(set) var stale: [(currency: Currency, day: BusinessDate, rateDay: BusinessDate, rate: ExactDecimal)] = []
    /// A week covers a weekend and a holiday or two without a published rate.
    static let staleAfter = 4

    mutating func rate(_ currency: Currency, on day: BusinessDate, entity: EntityRecord, _ tx: Transaction) async throws -> ExactDecimal? {
        guard currency != entity.entity.functionalCurrency else { return nil }
        let key = "\(currency.code)/\(day)"
        if let cached = known[key] { return cached }
        guard let (rate, rateDay) = try await tx.datedExchangeRate(currency, on: day, entity: entity) else {
            throw DomainError(field: "fx", "no \(currency.code) rate on or before \(day) for \(entity.entity.code): set one with `o2c fx set \(currency.code) \(day) RATE`")
        }
        if rateDay.days(until: day) > Self.staleAfter { stale.append((currency, day, rateDay, rate)) }
        known[key] = rate
        return rate
    }
}

extension CashMatchSummary {
    static func + (left: CashMatchSummary, right: CashMatchSummary) -> CashMatchSummary {
        CashMatchSummary(lines: left.lines + right.lines, applied: left.applied + right.applied, proposed: left.proposed + right.proposed,
                         unapplied: left.unapplied + right.unapplied, notCustomerPayments: left.notCustomerPayments + right.notCustomerPayments,
                         steps: left.steps + right.steps)
    }
}
