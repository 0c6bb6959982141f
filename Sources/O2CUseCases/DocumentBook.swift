import Foundation
import O2CDocuments
import O2CDomain
import O2CFormats
import O2CStore

extension Books {
    // MARK: Seller profile and bank accounts

    /// Sets what an entity prints about itself: legal name, address, contacts.
    public func setSellerProfile(_ profile: SellerProfile, entity code: String?) async throws {
        let problems = profile.address.problems().map { $0.replacingOccurrences(of: "bill-to ", with: "") }
        guard problems.isEmpty else { throw DomainError(field: "address", "the entity's address needs: " + problems.joined(separator: "; ")) }
        guard profile.legalName.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--legal-name", "the legal name is printed on every invoice") }
        try await store.write(actor: actor) { tx in
            try await tx.setSellerProfile(profile, entity: try await Self.resolveEntity(code, tx))
        }
    }

    public func sellerProfile(entity code: String?) async throws -> SellerProfile? {
        try await store.read { tx in try await tx.sellerProfile(entityID: try await Self.resolveEntity(code, tx).id) }
    }

    /// Adds a bank account of the entity, posting to a ledger account of role `bank` in the same currency.
    public func addBankAccount(_ details: BankDetails, ledgerAccount: String, onInvoices: Bool, entity code: String?) async throws {
        guard details.accountNumber.contains(where: { $0.isLetter || $0.isNumber }),
              details.accountNumber.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " }) else {
            throw DomainError(field: "number", "a bank account number is letters, digits, dashes and blanks, as the bank's files write it")
        }
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            // Files write one account with or without its dashes and blanks: one account, one key.
            if let known = try await tx.bankAccounts().first(where: { Self.accountKey($0.details.accountNumber) == Self.accountKey(details.accountNumber) }) {
                throw DomainError(field: "number", "bank account \(details.accountNumber) is known already, as \(known.details.accountNumber)")
            }
            guard let account = try await tx.accounts(entityID: entity.id).first(where: { $0.account.code == ledgerAccount }) else {
                throw DomainError(field: "--ledger-account", "\(entity.entity.code) has no account \(ledgerAccount)")
            }
            guard account.account.role == .bank else {
                throw DomainError(field: "--ledger-account", "account \(ledgerAccount) is not a bank account (its role is \(account.account.role?.rawValue ?? "none"))")
            }
            if let currency = account.account.currency, currency != details.currency {
                throw DomainError(field: "--currency", "account \(ledgerAccount) holds \(currency.code), not \(details.currency.code)")
            }
            try await tx.insertBankAccount(details, ledgerAccountID: account.id, onInvoices: onInvoices, entity: entity)
        }
    }

    public func bankAccounts(entity code: String?) async throws -> [BankAccountRecord] {
        try await store.read { tx in
            try await tx.bankAccounts(entityID: code == nil ? nil : try await Self.resolveEntity(code, tx).id)
        }
    }

    // MARK: Documents

    /// What the issued invoice or credit note `number` says, in its customer's language.
    public func invoiceDocument(_ number: String, entity code: String?) async throws -> InvoiceDocument {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            guard let invoice = try await tx.invoices(entityID: entity.id, status: .issued, number: number).first else {
                throw DomainError(field: "invoice", "no issued invoice or credit note \(number) in \(entity.entity.code)")
            }
            return try await Self.document(for: invoice, entity: entity, tx)
        }
    }

    /// The documents of a period's issued invoices and credit notes.
    public func invoiceDocuments(period: Period, entity code: String?) async throws -> [InvoiceDocument] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            var documents: [InvoiceDocument] = []
            for invoice in try await tx.invoices(entityID: entity.id, period: period, status: .issued) {
                documents.append(try await Self.document(for: invoice, entity: entity, tx))
            }
            return documents
        }
    }

    /// Writes the PDF of each document to `folder` as `ENTITY-NUMBER.pdf` (numbers repeat across
    /// entities); returns the files written.
    public static func writePDFs(_ documents: [InvoiceDocument], to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try documents.map { document in
            let url = folder.appendingPathComponent("\(document.seller.code)-\(document.number).pdf")
            try InvoicePDF.render(document).write(to: url, options: .atomic)
            return url
        }
    }

    /// Writes each document as a UBL 2.1 e-invoice (EN 16931) to `folder` as `ENTITY-NUMBER.xml`.
    public static func writeUBL(_ documents: [InvoiceDocument], to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try documents.map { document in
            let url = folder.appendingPathComponent("\(document.seller.code)-\(document.number).xml")
            try Data(UBLInvoice.xml(document).utf8).write(to: url, options: .atomic)
            return url
        }
    }

    static func document(for invoice: StoredInvoice, entity: EntityRecord, _ tx: Transaction) async throws -> InvoiceDocument {
        guard let profile = try await tx.sellerProfile(entityID: entity.id) else {
            throw DomainError(field: "entity", "\(entity.entity.code) has no address for its documents: set it with `o2c entities profile \(entity.entity.code) --legal-name … --line1 … --city … --region … --postal-code …`")
        }
        guard let buyer = try await tx.loadCustomers(codes: [invoice.billTo])[invoice.billTo]?.customer, let address = buyer.billTo else {
            throw DomainError(field: "customer", "customer \(invoice.billTo) has no bill-to address")
        }
        let language = (buyer.language ?? .en).documentLanguage
        let words = DocumentWording(language)
        let ioNumbers = Array(Set(invoice.lines.compactMap(\.ioNumber) + (invoice.ioNumber.map { [$0] } ?? []))).sorted()
        let ios = try await tx.loadIOs(entityID: entity.id, numbers: ioNumbers)
        let lines: [InvoiceDocument.Line] = invoice.lines.map { line in
            let ioLine = line.ioNumber.flatMap { ios[$0] }.flatMap { io in
                (io.revisions.first { $0.revision == line.ioRevision } ?? io.current).lines.first { $0.number == line.ioLine }
            }
            guard let ioLine, let ioNumber = line.ioNumber else {
                let description = invoice.creditsNumber.map { words.credit(of: $0) } ?? line.description
                return .init(number: line.number, description: description, detail: "", quantity: 1, unit: "",
                             unitRate: ExactDecimal(units: Int128(line.amount.minorUnits), scale: invoice.currency.exponent), ratePer: 1, amount: line.amount)
            }
            let unit = ioLine.pricing == .flatFee ? "days of the flight" : ioLine.pricing.unit
            let description = "\(ioLine.product) — \(words.period(invoice.period))"
            // A flat fee is priced for the flight: its rate is the whole fee, its quantity the days billed.
            let (rate, per): (ExactDecimal, Int64) = switch ioLine.pricing {
            case .cpm: (ioLine.unitRate, 1000)
            case .flatFee: (ioLine.unitRate, Int64(ioLine.flightStart.days(until: ioLine.flightEnd) + 1))
            default: (ioLine.unitRate, 1)
            }
            return .init(number: line.number, description: description,
                         detail: words.detail(io: ioNumber, line: ioLine.number, overDelivered: line.overDelivered, unit: unit),
                         quantity: line.quantity, unit: unit, unitRate: rate, ratePer: per, amount: line.amount)
        }
        var credited: (number: String, date: BusinessDate?)?
        if let number = invoice.creditsNumber {
            credited = (number, try await tx.invoices(entityID: entity.id, status: .issued, number: number).first(where: { $0.kind == .invoice })?.issueDate)
        }
        let sellerRegistrations = entity.entity.taxRegistrations.filter { $0.kind != .siren }.map { (kind: $0.kind.rawValue, number: $0.number) }
        var buyerRegistrations: [(kind: String, number: String)] = []
        if let gst = buyer.gstHstNumber { buyerRegistrations.append(("GST/HST", gst)) }
        if let qst = buyer.qstNumber { buyerRegistrations.append(("QST", qst)) }
        let payTo = try await tx.bankAccounts(entityID: entity.id).filter { $0.onInvoices && $0.details.currency == invoice.currency }.map(\.details)
        let contact = buyer.contacts.first { $0.role == .invoicing && $0.isPrimary }
        var document = InvoiceDocument(
            kind: invoice.kind == .invoice ? .invoice : .creditNote, language: language, number: invoice.number ?? "DRAFT",
            issueDate: invoice.issueDate ?? invoice.period.lastDay, dueDate: invoice.kind == .invoice ? invoice.dueDate : nil, period: invoice.period,
            currency: invoice.currency, paymentTerms: invoice.paymentTerms,
            seller: .init(name: profile.legalName, address: profile.address, registrations: sellerRegistrations, email: profile.email,
                          phone: profile.phone, code: entity.entity.code),
            buyer: .init(name: buyer.legalName, address: address, registrations: buyerRegistrations, email: contact?.email, phone: contact?.phone, code: buyer.code),
            ioNumbers: ioNumbers, poNumber: invoice.poNumber, creditedInvoice: credited, reason: invoice.reason, lines: lines,
            taxes: try invoice.taxes.map { .init(code: $0.code, rate: try ExactDecimal(parsing: $0.rate), base: $0.base, amount: $0.amount) },
            net: invoice.net, tax: invoice.tax, total: invoice.total, payTo: payTo)
        document.buyerTaxStatus = buyer.taxStatus
        document.exemptionNumber = buyer.exemptionNumber
        return document
    }

    // MARK: Make-goods

    public func makeGoods(openOnly: Bool, entity code: String?) async throws -> [MakeGoodRecord] {
        try await store.read { tx in try await tx.makeGoods(entityID: try await Self.resolveEntity(code, tx).id, openOnly: openOnly) }
    }

    /// Settles the make-good owed on an IO line: delivered later, credited, or waived, with a note.
    public func settleMakeGood(_ number: String, line: Int, as settlement: MakeGoodRecord.Settlement, reference: String?, note: String, entity code: String?) async throws {
        guard note.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--note", "say how the make-good was settled") }
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let io = try await Self.loadIO(number, entity: entity, tx)
            if settlement == .credited, let reference {
                guard let note = try await tx.invoices(entityID: entity.id, status: .issued, number: reference).first(where: { $0.kind == .creditNote }) else {
                    throw DomainError(field: "--reference", "no issued credit note \(reference) in \(entity.entity.code)")
                }
                guard note.billTo == io.current.billTo else {
                    throw DomainError(field: "--reference", "credit note \(reference) is \(note.billTo)'s; \(number) bills \(io.current.billTo)")
                }
            }
            try await tx.settleMakeGood(ioID: io.id, ioNumber: number, line: line, as: settlement, reference: reference, note: note, entityID: entity.id)
        }
    }
}
