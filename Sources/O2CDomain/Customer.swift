import Foundation

/// Who a customer is in the advertising trade.
public enum CustomerKind: String, Sendable, Codable, CaseIterable {
    /// The brand whose campaigns run.
    case advertiser
    /// A media agency that buys (and may be billed) for several advertisers.
    case agency
}

/// The language a customer reads, as its ISO 639-1 code (`en`, `fr`, `de`, `pl`…). Documents and
/// reminders are written in English or French, the entity's two languages: a customer who reads
/// another gets them in English (`documentLanguage`), and its own language stays on file.
public struct Language: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A known ISO 639-1 code, in lower case; nil for anything else.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 2, Self.codes.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public static let en = Language(rawValue: "en")!
    public static let fr = Language(rawValue: "fr")!

    /// The language its documents are written in: French for French, English for every other.
    public var documentLanguage: Language { self == .fr ? .fr : .en }

    public var description: String { rawValue }

    /// The ISO 639-1 codes (a typo such as `eng` or `fn` is refused, not filed).
    static let codes: Set<String> = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu \
        fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km \
        kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om \
        or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr \
        ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(separator: " ").map(String.init))
}

/// How sales tax treats a customer (see docs/customers.md).
public enum TaxStatus: String, Sendable, Codable, CaseIterable {
    /// Taxable at the rates of its place of supply (GST/HST, QST in Québec).
    case taxable
    /// A non-resident not registered for GST: advertising services are zero-rated exports.
    case zeroRatedNonResident = "zero-rated"
    /// Exempt, with an exemption certificate number on file.
    case exempt
}

/// Payment terms: how the due date follows from the invoice date.
public enum PaymentTerms: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Due N days after the invoice date.
    case net(Int)
    /// Due N days after the end of the invoice's month.
    case endOfMonth(Int)
    case dueOnReceipt

    /// Reads `net 30`, `30`, `eom+15`, `eom 15`, `due on receipt`.
    public init(parsing text: String, field: String = "payment_terms") throws(DomainError) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "  ", with: " ")
        func days(_ s: Substring) throws(DomainError) -> Int {
            guard let n = Int(s.trimmingCharacters(in: .whitespaces)), (0...365).contains(n) else {
                throw DomainError(field: field, "'\(text)' is not valid payment terms (e.g. net 30, eom+15, due on receipt)")
            }
            return n
        }
        if t == "due on receipt" || t == "receipt" || t == "net 0" || t == "0" { self = .dueOnReceipt }
        else if t.hasPrefix("net") { self = .net(try days(t.dropFirst(3))) }
        else if t.hasPrefix("eom") { self = .endOfMonth(try days(t.dropFirst(3).drop(while: { $0 == "+" || $0 == " " }))) }
        else { self = .net(try days(Substring(t))) }
    }

    public var description: String {
        switch self {
        case .net(let d): "net \(d)"
        case .endOfMonth(let d): "eom+\(d)"
        case .dueOnReceipt: "due on receipt"
        }
    }

    public func dueDate(for invoiceDate: BusinessDate) -> BusinessDate {
        switch self {
        case .net(let d): invoiceDate.adding(days: d)
        case .endOfMonth(let d): invoiceDate.endOfMonth.adding(days: d)
        case .dueOnReceipt: invoiceDate
        }
    }

    /// The longest credit these terms can give, in days, for comparing terms with a policy.
    public var maximumDays: Int {
        switch self {
        case .net(let d): d
        case .endOfMonth(let d): 30 + d
        case .dueOnReceipt: 0
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try PaymentTerms(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A postal address, checked for form in Canada and the United States.
public struct PostalAddress: Hashable, Sendable, Codable {
    public var line1: String
    public var line2: String?
    public var city: String
    public var region: String
    public var postalCode: String
    public var country: String

    public init(line1: String, line2: String? = nil, city: String, region: String, postalCode: String, country: String) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region.uppercased()
        self.country = country.uppercased()
        self.postalCode = PostalAddress.normalizePostalCode(postalCode, country: self.country)
    }

    /// `h2x1y4` → `H2X 1Y4`; ZIP codes as they are.
    static func normalizePostalCode(_ code: String, country: String) -> String {
        let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
        if country == "CA" {
            let compact = trimmed.replacingOccurrences(of: " ", with: "")
            if compact.count == 6 { return String(compact.prefix(3)) + " " + String(compact.suffix(3)) }
        }
        return trimmed
    }

    /// What is wrong with the address's form, if anything.
    public func problems() -> [String] {
        var problems: [String] = []
        if line1.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("bill-to street address") }
        if city.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("bill-to city") }
        if postalCode.isEmpty && (country == "CA" || country == "US") {
            problems.append(country == "CA" ? "bill-to postal code" : "bill-to ZIP code")
        }
        switch country {
        case "CA":
            if Region.canadianProvinces[region] == nil { problems.append("bill-to province ('\(region)' is not a Canadian province code)") }
            if !postalCode.isEmpty, postalCode.wholeMatch(of: /[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] [0-9][ABCEGHJ-NPRSTV-Z][0-9]/) == nil {
                problems.append("bill-to postal code ('\(postalCode)' is not a Canadian postal code, e.g. H2X 1Y4)")
            }
        case "US":
            if !Region.usStates.contains(region) { problems.append("bill-to state ('\(region)' is not a US state code)") }
            if !postalCode.isEmpty, postalCode.wholeMatch(of: /[0-9]{5}(-[0-9]{4})?/) == nil {
                problems.append("bill-to ZIP code ('\(postalCode)' is not a ZIP code, e.g. 10001 or 10001-1234)")
            }
        default:
            if country.count != 2 { problems.append("bill-to country") }
        }
        return problems
    }
}

/// How invoices reach the customer.
public enum InvoiceDelivery: Hashable, Sendable, Codable {
    case email(String)
    /// A named customer portal (Coupa, Ariba, …) the invoice is uploaded to.
    case portal(String)
}

/// What a contact is for. A customer may have several contacts per role, one of them primary.
public enum ContactRole: String, Sendable, Codable, CaseIterable {
    case invoicing, reminder, escalation
}

public struct Contact: Hashable, Sendable, Codable {
    public var role: ContactRole
    public var name: String?
    public var email: String
    public var phone: String?
    public var isPrimary: Bool

    public init(role: ContactRole, name: String? = nil, email: String, phone: String? = nil, isPrimary: Bool = true) {
        self.role = role
        self.name = name
        self.email = email.trimmingCharacters(in: .whitespaces)
        self.phone = phone
        self.isPrimary = isPrimary
    }
}

/// An e-mail address of plausible form (one @, a dot in the domain, no spaces).
public func isPlausibleEmail(_ text: String) -> Bool {
    text.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil
}

/// A customer of the North-American entities: the reference data billing, cash application and
/// collections rely on.
public struct Customer: Hashable, Sendable, Codable {
    public var code: String
    public var legalName: String
    public var displayName: String?
    public var kind: CustomerKind
    /// The code of the customer's parent group, if it belongs to one.
    public var parentCode: String?
    public var billTo: PostalAddress?
    public var currency: Currency?
    public var paymentTerms: PaymentTerms?
    public var language: Language?
    public var taxStatus: TaxStatus
    public var gstHstNumber: String?
    public var qstNumber: String?
    public var exemptionNumber: String?
    public var delivery: InvoiceDelivery?
    public var poRequired: Bool
    public var creditLimit: Money?
    public var creditHold: Bool
    public var salesOwner: String?
    public var accountManager: String?
    public var contacts: [Contact]
    /// Names the customer pays under on bank statements (as written; matching normalises them).
    public var payerAliases: [String]
    /// Bank accounts the customer pays from.
    public var bankAccounts: [String]

    public init(code: String, legalName: String, displayName: String? = nil, kind: CustomerKind = .advertiser, parentCode: String? = nil,
                billTo: PostalAddress? = nil, currency: Currency? = nil, paymentTerms: PaymentTerms? = nil, language: Language? = nil,
                taxStatus: TaxStatus = .taxable, gstHstNumber: String? = nil, qstNumber: String? = nil, exemptionNumber: String? = nil,
                delivery: InvoiceDelivery? = nil, poRequired: Bool = false, creditLimit: Money? = nil, creditHold: Bool = false,
                salesOwner: String? = nil, accountManager: String? = nil, contacts: [Contact] = [], payerAliases: [String] = [],
                bankAccounts: [String] = []) {
        self.code = code
        self.legalName = legalName
        self.displayName = displayName
        self.kind = kind
        self.parentCode = parentCode
        self.billTo = billTo
        self.currency = currency
        self.paymentTerms = paymentTerms
        self.language = language
        self.taxStatus = taxStatus
        self.gstHstNumber = gstHstNumber
        self.qstNumber = qstNumber
        self.exemptionNumber = exemptionNumber
        self.delivery = delivery
        self.poRequired = poRequired
        self.creditLimit = creditLimit
        self.creditHold = creditHold
        self.salesOwner = salesOwner
        self.accountManager = accountManager
        self.contacts = contacts
        self.payerAliases = payerAliases
        self.bankAccounts = bankAccounts
    }

    /// Checks what must hold for the record to be stored at all: a code, a name, numbers and
    /// e-mails of valid form. (Whether the customer can be invoiced is `missingForInvoicing`.)
    public func validate() throws(DomainError) {
        guard !code.isEmpty, code.count <= 32, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
            throw DomainError(field: "code", "'\(code)' is not a customer code (1–32 letters, digits, '-', '_' or '.')")
        }
        guard legalName.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "legal_name", "a customer needs a legal name") }
        if let n = gstHstNumber { try TaxRegistration(kind: .gstHst, number: n).validate() }
        if let n = qstNumber { try TaxRegistration(kind: .qst, number: n).validate() }
        for contact in contacts where !isPlausibleEmail(contact.email) {
            throw DomainError(field: "\(contact.role.rawValue)_email", "'\(contact.email)' is not an e-mail address")
        }
        if case .email(let address) = delivery, !isPlausibleEmail(address) {
            throw DomainError(field: "delivery", "'\(address)' is not an e-mail address")
        }
        for role in ContactRole.allCases where contacts.filter({ $0.role == role && $0.isPrimary }).count > 1 {
            throw DomainError(field: "contacts", "only one \(role.rawValue) contact can be primary")
        }
        if let limit = creditLimit, limit.isNegative { throw DomainError(field: "credit_limit", "a credit limit cannot be negative") }
        if parentCode == code { throw DomainError(field: "parent", "a customer cannot be its own parent") }
    }

    public func primaryContact(_ role: ContactRole) -> Contact? {
        contacts.first { $0.role == role && $0.isPrimary } ?? contacts.first { $0.role == role }
    }

    /// What is missing before this customer can be invoiced, in words; empty when complete.
    /// The rules are in docs/customers.md.
    public var missingForInvoicing: [String] {
        var missing: [String] = []
        if currency == nil { missing.append("currency") }
        if paymentTerms == nil { missing.append("payment terms") }
        if language == nil { missing.append("language (an ISO 639-1 code: en, fr…)") }
        if let address = billTo { missing += address.problems() } else { missing.append("bill-to address") }
        if delivery == nil { missing.append("invoice delivery (an e-mail address or a customer portal)") }
        if primaryContact(.invoicing) == nil { missing.append("invoicing contact") }
        if primaryContact(.reminder) == nil { missing.append("reminder contact") }
        let country = billTo?.country
        switch taxStatus {
        case .taxable:
            // A non-resident charged Canadian tax must be registered for it.
            if let country, country != "CA", gstHstNumber == nil {
                missing.append("GST/HST number (a customer outside Canada is taxable only if registered; otherwise mark it zero-rated)")
            }
        case .zeroRatedNonResident:
            if country == "CA" { missing.append("tax status (a Canadian bill-to address cannot be zero-rated as a non-resident)") }
            if gstHstNumber != nil { missing.append("tax status (a customer registered for GST/HST is not a zero-rated non-resident)") }
        case .exempt:
            if exemptionNumber == nil { missing.append("exemption certificate number") }
        }
        return missing
    }

    public var isComplete: Bool { missingForInvoicing.isEmpty }

    /// A payer name as bank files write it, for comparing names: upper case, no accents or
    /// punctuation, legal suffixes dropped (kept with `keepingLegalForms`). (Cash application builds on this.)
    public static func normalizedPayerName(_ name: String, keepingLegalForms: Bool = false) -> String {
        normalizedPayerWords(name, keepingLegalForms: keepingLegalForms).joined(separator: " ")
    }

    /// `normalizedPayerName` as its words (a match run reads the words of every line twice).
    static func normalizedPayerWords(_ name: String, keepingLegalForms: Bool = false) -> [String] {
        let words: [String]
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // Plain ASCII (what banks send): the same words without Foundation's folding, which
            // cost most of the time a match run spent reading names.
            words = name.utf8.split(whereSeparator: { !(($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)) })
                .map { String(decoding: $0.map { $0 >= 0x61 ? $0 - 0x20 : $0 }, as: UTF8.self) }
        } else {
            // Letters that folding keeps (Ł, Ø, ß…) written as banks write them in plain letters.
            // Most accented names have none of these letters: looked for before replacing.
            let plain = name.contains(where: { Self.plainLetterKeys.contains($0) })
                ? Self.plainLetters.reduce(name) { $0.replacingOccurrences(of: $1.key, with: $1.value) } : name
            let folded = plain.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).uppercased()
            words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        }
        // Letters written one by one are one word: `S.A.`, `G.m.b.H.`, `B.V.` are SA, GMBH, BV.
        var joined: [String] = []
        var spelledOut = false
        for word in words {
            let letter = word.utf8.count == 1 && word.utf8.first! >= 0x41 && word.utf8.first! <= 0x5A
            if letter, spelledOut {
                joined[joined.count - 1] += word
            } else {
                joined.append(word)
                spelledOut = letter
            }
        }
        var kept = joined
        while kept.count > 1 && !keepingLegalForms {
            if let last = kept.last, Self.legalForms.contains(last) { kept.removeLast(); continue }
            // A legal form written out (`Société par actions simplifiée`), perhaps cut short by the
            // bank; looked for only when one of the last words can start one.
            guard kept.suffix(4).contains(where: Self.legalFormPhraseStarts.contains),
                  let drop = Self.legalFormPhrases.lazy.compactMap({ Self.endsWith(kept, $0) }).first else { break }
            kept.removeLast(drop)
        }
        if let first = kept.first, first == "THE", kept.count > 1 { kept.removeFirst() }
        return kept
    }

    /// Letters with no accent to fold away, and how a payment in plain letters writes them.
    static let plainLetterKeys = Set(plainLetters.keys.map { Character($0) })
    static let plainLetters: [String: String] = ["Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Æ": "AE", "æ": "ae",
                                                 "Œ": "OE", "œ": "oe", "ß": "ss", "Þ": "TH", "þ": "th", "ı": "i"]

    /// Legal forms written out, as words.
    static let legalFormPhrases: [[String]] = [
        ["SOCIETE", "PAR", "ACTIONS", "SIMPLIFIEE"], ["SOCIETE", "ANONYME"], ["SOCIETE", "A", "RESPONSABILITE", "LIMITEE"],
        ["SOCIETE", "EN", "NOM", "COLLECTIF"], ["GESELLSCHAFT", "MIT", "BESCHRANKTER", "HAFTUNG"], ["AKTIENGESELLSCHAFT"], ["KOMMANDITGESELLSCHAFT"],
        ["SOCIETA", "PER", "AZIONI"], ["SOCIETA", "A", "RESPONSABILITA", "LIMITATA"], ["SOCIEDAD", "LIMITADA"], ["SOCIEDAD", "ANONIMA"],
        ["SOCIEDADE", "LIMITADA"], ["SOCIEDADE", "ANONIMA"], ["BESLOTEN", "VENNOOTSCHAP"], ["NAAMLOZE", "VENNOOTSCHAP"],
        ["SPOLKA", "Z", "OGRANICZONA", "ODPOWIEDZIALNOSCIA"], ["SPOLKA", "AKCYJNA"], ["AKTIEBOLAG"], ["AKTIESELSKAB"], ["OSAKEYHTIO"],
        ["LIMITED", "LIABILITY", "COMPANY"], ["LIMITED", "LIABILITY", "PARTNERSHIP"], ["LIMITED", "PARTNERSHIP"], ["PUBLIC", "LIMITED", "COMPANY"],
        ["SOCIETE", "PAR", "ACTIONS"],
    ]

    static let legalFormPhraseStarts = Set(legalFormPhrases.map { $0[0] })

    /// How many words at the end of `words` are `phrase`, or its start (two words or more, the
    /// last maybe cut short): the number of words to drop, always leaving one; nil if none.
    private static func endsWith(_ words: [String], _ phrase: [String]) -> Int? {
        for length in stride(from: min(phrase.count, words.count - 1), through: 1, by: -1) {
            let tail = Array(words.suffix(length)), head = Array(phrase.prefix(length))
            guard length == phrase.count || length >= 2 else { continue }
            if zip(tail.dropLast(), head.dropLast()).allSatisfy(==), let last = tail.last, let expected = head.last,
               last == expected || (length >= 2 && last.count >= 3 && expected.hasPrefix(last)) {
                return length
            }
        }
        return nil
    }

    /// Legal forms (and what banks print with them) that end a company's name, in the countries
    /// customers pay from: dropped, since the same company writes them in many ways.
    static let legalForms: Set<String> = [
        "INC", "INCORPORATED", "LTD", "LTEE", "LIMITED", "LLC", "LLP", "CORP", "CORPORATION", "CO", "COMPANY", "ULC", "LP", "PLC", "THE",
        "SA", "SAS", "SASU", "SARL", "EURL", "SNC", "SCA", "SE", "GMBH", "MBH", "AG", "KG", "KGAA", "OHG", "EV", "BV", "NV", "VOF",
        "SPA", "SRL", "SRLS", "SL", "SLU", "SAU", "AB", "PUBL", "AS", "ASA", "APS", "OY", "OYJ", "SPZOO", "ZOO", "SP", "SRO", "KFT",
        "PTY", "PTE", "BHD", "LTDA", "CV", "DE", "RL",
        // Québec partnerships (société en nom collectif, en commandite) and US professional corporations.
        "SENC", "SENCRL", "SEC", "PC", "PLLC",
    ]
}

extension Customer {
    /// Words of bank and remittance text that are no payer's name (`EFT CREDIT`, `PAYMENT`, `INV`),
    /// nor a name's initials.
    static let textWords: Set<String> = [
        "EFT", "CREDIT", "CR", "CRED", "ACH", "CCD", "CTX", "PPD", "WIRE", "IN", "INCOMING", "TRF", "TRANSFER", "XFER", "FROM", "DEPOSIT", "DEP", "BR",
        "MOBILE", "ONLINE", "BILL", "PAYMENT", "PAYMENTS", "PMT", "PYMT", "ETRANSFER", "E", "INTERAC", "VIR", "VIREMENT", "RECU", "PAIEMENT", "CHQ", "CHEQUE",
        "CHECK", "LOCKBOX", "ORG", "ORIG", "CO", "NAME", "BY", "ORDER", "OF", "INV", "INVOICE", "INVOICES", "FACT", "FACTURE", "FACTURES", "REF", "RE",
        "PO", "NO", "NUMBER", "FOR", "PARTIAL", "FINAL", "WITH", "THANK", "THANKS", "YOU", "MERCI", "AP", "REMITTANCE", "REMIT", "ADVICE", "SEE",
        "DUPLICATE", "LESS", "DISCOUNT", "SETTLEMENT", "BATCH", "ACCOUNT", "ACCT", "CUST", "CUSTOMER", "RMR", "IV", "OBI", "BNF", "TO",
        "ELECTRONIC", "FUNDS", "FUND", "INTERNET", "BANKING", "TELEPHONE", "TELEBANKING", "DIRECT", "DEBIT", "DEPOT", "DEPOSITED", "RECEIVED",
        "REMISE", "VERSEMENT", "PAYMT", "FEDWIRE", "SWIFT", "CHIPS", "SEPA", "BANK", "BANQUE", "CAISSE", "CHQS", "PMNT", "PAYT", "DEPT",
        "INVS", "REMT", "TRSF", "DEBT", "REFS", "STATEMENT", "STMT", "RELEVE", "ETAT", "ACCOUNTS", "PAYABLE", "PAYABLES",
    ]

    /// The payer's name a bank line's text starts with, when the bank gave no name field (BAI2):
    /// `FALCON SERVICES LTD PAYMENT` → `FALCON SERVICES LTD`. Bank words before it are skipped; it
    /// ends at a number or a remittance word. Two words or more, else nothing: a confirmed
    /// allocation learns it as the customer's payer alias, so a guess must not be loose.
    public static func payerName(inText text: String) -> String? {
        let words = text.uppercased().split(whereSeparator: { $0 == " " || $0 == "/" || $0 == ":" || $0 == "=" || $0 == "," || $0 == ";" })
        var name: [Substring] = []
        for word in words {
            let letters = word.allSatisfy { $0.isLetter || $0 == "&" || $0 == "'" || $0 == "-" || $0 == "." }
            let bare = word.filter(\.isLetter)
            if name.isEmpty, textWords.contains(String(bare)) { continue }
            guard letters, !bare.isEmpty, !textWords.contains(String(bare)) || Self.legalForms.contains(String(bare)) else { break }
            name.append(word)
            if name.count == 6 { break }
        }
        guard name.count >= 2 else { return nil }
        return name.joined(separator: " ")
    }
}
