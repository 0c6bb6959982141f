import Foundation


/// The bank-file formats OrderToCash reads.
public enum BankFileFormat: String, Sendable, CaseIterable, Codable {
    case bai2
    case camt053
    case camt054
    case csv
}

/// A bank file, read: one statement (or notification) per account it reports on.
public struct BankFile: Sendable, Equatable {
    public var format: BankFileFormat
    public var fileName: String
    /// The file's own id when it has one (BAI2 file id with sender and creation date, camt `MsgId`).
    public var fileID: String?
    public var statements: [BankStatement]

    public init(format: BankFileFormat, fileName: String, fileID: String?, statements: [BankStatement]) {
        self.format = format
        self.fileName = fileName
        self.fileID = fileID
        self.statements = statements
    }
}

/// What a bank reports on one account for one day or period.
public struct BankStatement: Sendable, Equatable {
    /// The account as the bank writes it (BAI2 03 record; camt `Acct/Id/IBAN` or `Acct/Id/Othr/Id`).
    public var accountNumber: String
    public var currency: Currency
    /// The statement's id (camt `Stmt/Id` or `Ntfctn/Id`; BAI2 group id and account).
    public var statementID: String?
    /// The as-of date (BAI2 group as-of date; camt the statement's creation or booking date).
    public var date: BusinessDate?
    /// Opening and closing booked balances when the bank gives them (BAI2 010/015, camt OPBD/CLBD).
    public var openingBalance: Money?
    public var closingBalance: Money?
    public var lines: [BankLine]

    public init(accountNumber: String, currency: Currency, statementID: String?, date: BusinessDate?, openingBalance: Money?,
                closingBalance: Money?, lines: [BankLine]) {
        self.accountNumber = accountNumber
        self.currency = currency
        self.statementID = statementID
        self.date = date
        self.openingBalance = openingBalance
        self.closingBalance = closingBalance
        self.lines = lines
    }
}

/// One movement on the account: for a customer payment, one credit.
public struct BankLine: Sendable, Equatable {
    public enum Direction: String, Sendable, Codable { case credit, debit }

    /// Where in the file the line starts (1-based line number), for messages.
    public var sourceLine: Int
    /// The bank's own reference of the movement (BAI2 16 bank reference; camt `AcctSvcrRef` of
    /// the transaction, else of the entry). The key that makes an import idempotent.
    public var bankReference: String?
    /// The payer's reference (BAI2 16 customer reference; camt `EndToEndId` unless `NOTPROVIDED`).
    public var customerReference: String?
    /// Always positive; `direction` says which way.
    public var amount: Money
    public var direction: Direction
    public var bookingDate: BusinessDate?
    public var valueDate: BusinessDate?
    /// BAI2 type code (`195`), or camt domain/family/sub-family (`PMNT/RCDT/OTHR`) or proprietary code.
    public var typeCode: String?
    /// A reversal of an earlier movement (camt `RvslInd`; BAI2 reversal type codes).
    public var isReversal: Bool
    /// Booked (`BOOK`), or pending / information only: only booked lines become payments.
    public var isBooked: Bool
    /// The payer, when the file names it separately (camt `Dbtr/Nm` or `Dbtr/Pty/Nm`).
    public var payerName: String?
    /// The payer's account (camt `DbtrAcct`), when given.
    public var payerAccount: String?
    /// Structured remittance references (camt `Strd/CdtrRefInf/Ref`, `Strd/RfrdDocInf/Nb`).
    public var structuredReferences: [String]
    /// Free text: BAI2 16 text with its 88 continuations; camt `Ustrd` lines and additional info.
    public var text: String

    public init(sourceLine: Int, bankReference: String?, customerReference: String?, amount: Money, direction: Direction,
                bookingDate: BusinessDate?, valueDate: BusinessDate?, typeCode: String?, isReversal: Bool, isBooked: Bool,
                payerName: String?, payerAccount: String?, structuredReferences: [String], text: String) {
        self.sourceLine = sourceLine
        self.bankReference = bankReference
        self.customerReference = customerReference
        self.amount = amount
        self.direction = direction
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.typeCode = typeCode
        self.isReversal = isReversal
        self.isBooked = isBooked
        self.payerName = payerName
        self.payerAccount = payerAccount
        self.structuredReferences = structuredReferences
        self.text = text
    }
}
