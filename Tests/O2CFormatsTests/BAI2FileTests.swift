import Foundation
import O2CDomain
import O2CFormats
import Testing

/// Where the shared test data lives: `../shared/data` beside the repository.
enum SharedData {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/data").path
    static var toolsRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// `python3` from the PATH when it can import `module` (CI installs it in a venv), else nil.
    static func python(with module: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let python = dirs.map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import \(module)"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? python : nil
    }
}

/// BAI2 files written by others (see ../shared/data/bank-files/README.md).
private enum Samples {
    static let bai2Directory = "\(SharedData.folder)/bank-files/bai2"
    static let statement = "\(SharedData.folder)/cash-application-dev/statement.bai2"
    static let camtStatement = "\(SharedData.folder)/cash-application-dev/statement.camt053.xml"
    static let good = [
        "mojbai2-account_trailer_amount_blank_example.bai2", "mojbai2-citi_example.bai2", "mojbai2-nwb_example.bai2",
        "mojbai2-svb_us_example.bai2", "moov-sample1.bai2", "moov-sample2-spec-example.bai2",
    ].map { "\(bai2Directory)/\($0)" } + [statement]
    /// The PyPI `bai2` package run by scripts/bai2-oracle.py.
    static let oracle = SharedData.repository.appendingPathComponent("scripts/bai2-oracle.py").path

    static func data(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
    static func text(_ path: String) throws -> String { try String(decoding: data(path), as: UTF8.self) }

    static func parse(_ path: String) throws -> BankFile {
        try BAI2File.parse(data(path), fileName: URL(fileURLWithPath: path).lastPathComponent)
    }

    static func parse(text: String, fileName: String = "test.bai2") throws(DomainError) -> BankFile {
        try BAI2File.parse(Data(text.utf8), fileName: fileName)
    }

    /// The error a parse throws, or nil.
    static func error(_ text: String, fileName: String = "test.bai2") -> DomainError? {
        do { _ = try parse(text: text, fileName: fileName); return nil } catch { return error }
    }

    /// `text` with its `number`th line (1-based) rewritten.
    static func replacingLine(_ number: Int, in text: String, _ change: (String) -> String) -> String {
        var lines = text.components(separatedBy: "\n")
        lines[number - 1] = change(lines[number - 1])
        return lines.joined(separator: "\n")
    }

    static func lineNumber(in text: String, where predicate: (String) -> Bool) -> Int? {
        text.components(separatedBy: "\n").firstIndex(where: predicate).map { $0 + 1 }
    }
}

/// What the oracle prints for one account.
private struct OracleAccount: Decodable, Equatable {
    var account: String
    var currency: String
    var credits_minor: Int64
    var debits_minor: Int64
    var count: Int
}

private struct OracleResult: Decodable {
    var accounts: [OracleAccount]?
    var error: String?
}

private func ours(_ file: BankFile) -> [OracleAccount] {
    file.statements.map { statement in
        OracleAccount(
            account: statement.accountNumber, currency: statement.currency.code,
            credits_minor: statement.lines.filter { $0.direction == .credit }.reduce(0) { $0 + $1.amount.minorUnits },
            debits_minor: statement.lines.filter { $0.direction == .debit }.reduce(0) { $0 + $1.amount.minorUnits },
            count: statement.lines.count)
    }
}

@Suite("BAI2 files")
struct BAI2FileTests {
    @Test("every good sample parses", arguments: Samples.good)
    func goodFilesParse(path: String) throws {
        let file = try Samples.parse(path)
        #expect(file.format == .bai2)
        #expect(!file.statements.isEmpty)
        for statement in file.statements {
            for line in statement.lines {
                #expect(line.amount.currency == statement.currency)
                #expect(!line.amount.isNegative)
                #expect(line.bookingDate == statement.date)
                #expect(line.isBooked)
            }
        }
    }

    @Test("totals per account match the PyPI bai2 package on every file it accepts")
    func matchesPythonOracle() throws {
        guard let python = SharedData.python(with: "bai2") else {
            #expect(!SharedData.toolsRequired, "python3 with the PyPI bai2 package is needed (pip install bai2)")
            print("NOTICE: the PyPI bai2 package is not installed; the BAI2 oracle comparison is skipped")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Samples.oracle] + Samples.good
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let results = try JSONDecoder().decode([String: OracleResult].self, from: output)
        var compared = 0
        for path in Samples.good {
            let result = try #require(results[path])
            guard let expected = result.accounts else {
                // Its comma-counting join of 03 continuations reads `190/` + `88,500000` as type code 190500000.
                #expect(path.hasSuffix("moov-sample2-spec-example.bai2"), "the oracle rejected \(path): \(result.error ?? "")")
                continue
            }
            #expect(ours(try Samples.parse(path)) == expected, "\(path)")
            compared += 1
        }
        #expect(compared == Samples.good.count - 1)
    }

    @Test("the spec's example, checked by hand")
    func specExample() throws {
        let file = try Samples.parse("\(Samples.bai2Directory)/moov-sample2-spec-example.bai2")
        #expect(file.fileID == "122099999/040621/1")
        #expect(file.statements.map(\.accountNumber) == ["0123456789", "9876543210", "4589761203", "0975312468", "7890654321"])
        let date = try BusinessDate(year: 2004, month: 6, day: 20)
        for statement in file.statements {
            #expect(statement.currency == .USD) // no currency in 02 nor 03: the spec's default
            #expect(statement.date == date)
            #expect(statement.closingBalance == nil)
        }
        #expect(file.statements.map { $0.openingBalance?.minorUnits } == [4_350_000, -500_000, 10_000_000, 500_000, 800_000])
        #expect(file.statements[0].statementID == "122099999/040620/0123456789")
        #expect(file.statements.map(\.lines.count) == [1, 1, 2, 0, 0])

        let lockbox = file.statements[0].lines[0]
        #expect(lockbox.typeCode == "115" && lockbox.direction == .credit && lockbox.amount.minorUnits == 450_000)
        #expect(lockbox.text == "" && lockbox.bankReference == nil && lockbox.customerReference == nil)
        #expect(lockbox.sourceLine == 5)
        #expect(file.statements[1].lines[0].text == "LOCK BOX NO.68751")

        let letterOfCredit = file.statements[2].lines[0]
        #expect(letterOfCredit.typeCode == "218")
        #expect(letterOfCredit.amount == Money(minorUnits: 20_000_000, currency: .USD))
        #expect(letterOfCredit.valueDate == (try BusinessDate(year: 2004, month: 6, day: 22)))
        #expect(letterOfCredit.bankReference == "SP4738")
        #expect(letterOfCredit.customerReference == "YRC065321")
        #expect(letterOfCredit.text == "PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO")
        #expect(letterOfCredit.sourceLine == 16)
        let wire = file.statements[2].lines[1]
        #expect(wire.typeCode == "195" && wire.amount.minorUnits == 10_000_000 && wire.valueDate == nil && wire.text == "")
    }

    @Test("a 16 continued by an 88 after its funds type carries references and text on the 88")
    func detailFieldsOnContinuation() throws {
        // From the spec's own example (the file above omits this record).
        let text = """
            01,122099999,123456789,040621,0200,1,65,,2/
            02,031001234,122099999,1,040620,2359,,2/
            03,0123456789,,010,+4350000,,,040,2830000,,/
            16,115,10000000,S,5000000,4000000,1000000/
            88,AX13612,B096132,AMALGAMATED CORP. LOCKBOX
            88,DEPOSIT-MISC. RECEIVABLES
            49,17180000,5/
            98,17180000,1,7/
            99,17180000,1,9/
            """
        let line = try #require(try Samples.parse(text: text).statements.first?.lines.first)
        #expect(line.bankReference == "AX13612")
        #expect(line.customerReference == "B096132")
        // Shorter than the record length (65 here): each 88 is a new piece of text.
        #expect(line.text == "AMALGAMATED CORP. LOCKBOX DEPOSIT-MISC. RECEIVABLES")
        #expect(line.amount.minorUnits == 10_000_000)
    }

    @Test("a writer cutting its text into continuations of one length shorter than the record (`88,` + 52 here) runs each on into the next as written; short columns do not")
    func fixedLengthContinuations() throws {
        let text = """
            01,122099999,123456789,040621,0200,1,80,,2/
            02,031001234,122099999,1,040620,2359,,2/
            03,0123456789,,010,+4350000,,,040,2830000,,/
            16,115,100,0,R1,,LOCKBOX
            88,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA INV 10
            88,5178 AMT 4,748.12 BATCH 0411 ITEM 28 DRAWER FRONTIER
            88, RESTAURANT SUPPLY LLC
            16,115,200,0,R2,,LOCKBOX
            88,BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB RMR
            88,*IV*102270**5254.98*5362.22*107.24~RMR*IV*104755**28
            88,028.00~
            16,115,300,0,R3,,LOCKBOX
            88,CCCCCCCCCCCCCCCCCCCCCCCCCCCCCC PAYMENT FOR INVOICES 
            88,LISTED BELOW THANK YOU
            49,7180600,13/
            98,7180600,1,15/
            99,7180600,1,17/
            """
        let lines = try #require(try Samples.parse(text: text).statements.first?.lines)
        #expect(lines[0].text.hasSuffix(" INV 105178 AMT 4,748.12 BATCH 0411 ITEM 28 DRAWER FRONTIER RESTAURANT SUPPLY LLC"), "\(lines[0].text)")
        #expect(lines[1].text.hasSuffix(" RMR*IV*102270**5254.98*5362.22*107.24~RMR*IV*104755**28028.00~"), "\(lines[1].text)")
        #expect(lines[2].text.hasSuffix(" PAYMENT FOR INVOICES LISTED BELOW THANK YOU"), "a piece padded with a blank is closed")
        // A lockbox's columns, one item per 88 of one short length: each a piece of its own.
        let columns = """
            01,122099999,123456789,040621,0200,1,80,,2/
            02,031001234,122099999,1,040620,2359,,2/
            03,0123456789,,010,+4350000,,,040,2830000,,/
            16,115,400,0,R4,,REMITTANCE
            88,105101       1234.56
            88,105102        987.65
            88,105103       4321.00
            16,115,500,0,R5,,REMITTANCE
            88,105104       1234.56
            88,105105        987.65
            88,105106       4321.00
            49,7180900,10/
            98,7180900,1,12/
            99,7180900,1,14/
            """
        let items = try #require(try Samples.parse(text: columns).statements.first?.lines)
        #expect(items[0].text == "REMITTANCE 105101 1234.56 105102 987.65 105103 4321.00" || items[0].text.contains("1234.56 105102"), "\(items[0].text)")
    }

    @Test("a Canadian bank's file: value dates, debits, text padded before its slash")
    func moovSample1() throws {
        let file = try Samples.parse("\(Samples.bai2Directory)/moov-sample1.bai2")
        #expect(file.fileID == "0004/060321/001")
        let statement = file.statements[0]
        #expect(statement.currency == .CAD)
        #expect(statement.statementID == "0004/060317/10200123456")
        #expect(statement.date == (try BusinessDate(year: 2006, month: 3, day: 17)))
        let first = statement.lines[0]
        #expect(first.sourceLine == 5)
        #expect(first.typeCode == "409" && first.direction == .debit)
        #expect(first.amount == Money(minorUnits: 2500, currency: .CAD))
        #expect(first.valueDate == (try BusinessDate(year: 2006, month: 3, day: 16)))
        #expect(first.text == "RETURNED CHEQUE")
        #expect(first.bankReference == nil && first.customerReference == nil && first.payerName == nil)
        #expect(first.structuredReferences.isEmpty && !first.isReversal)
        #expect(statement.lines[3].typeCode == "108" && statement.lines[3].direction == .credit)
        #expect(statement.lines[3].text == "TFR 1020 0345678")
        #expect(statement.openingBalance == nil && statement.closingBalance == nil)
    }

    @Test("CRLF, records padded to 80 columns and blank lines at the end read the same")
    func paddedCRLF() throws {
        let original = try Samples.text("\(Samples.bai2Directory)/moov-sample1.bai2")
        let padded = original.components(separatedBy: "\n")
            .map { $0.padding(toLength: max(80, $0.count), withPad: " ", startingAt: 0) }
            .joined(separator: "\r\n") + "\r\n\r\n   \r\n"
        #expect(try Samples.parse(text: padded, fileName: "moov-sample1.bai2")
            == Samples.parse(text: original, fileName: "moov-sample1.bai2"))
    }

    @Test("balances, text cut at 80 columns, an 03 continued over three 88s")
    func bankLayouts() throws {
        let nwb = try Samples.parse("\(Samples.bai2Directory)/mojbai2-nwb_example.bai2").statements[0]
        #expect(nwb.accountNumber == "88888888 600004")
        #expect(nwb.currency == .GBP)
        #expect(nwb.openingBalance == Money(minorUnits: 36521, currency: .GBP))
        #expect(nwb.closingBalance == Money(minorUnits: 33845, currency: .GBP))
        #expect(nwb.lines.last?.text
            == "TFR XBANKGO24007680SJ CAT JPY 2 GBPXBANKGO24007680BGC INTERNATIONAL-5373 CLIENT SECCY AC TFR")
        #expect(nwb.lines.last?.sourceLine == 13)

        let svb = try Samples.parse("\(Samples.bai2Directory)/mojbai2-svb_us_example.bai2")
        #expect(svb.statements.map(\.closingBalance?.minorUnits) == [35_217_175, 36_122_975])
        #expect(svb.statements[0].lines[0].bankReference == "172629" && svb.statements[0].lines[0].customerReference == nil)
        #expect(svb.statements[0].lines[0].text == "SOME PAYMENT ACH OFFSET")

        let citi = try Samples.parse("\(Samples.bai2Directory)/mojbai2-citi_example.bai2").statements[0].lines[0]
        #expect(citi.amount == Money(minorUnits: 1, currency: .GBP))
        #expect(citi.bankReference == "1234567890" && citi.customerReference == "RP12312312312312")
        #expect(citi.text.hasPrefix("FR:FP SIP INCOMING ENDT:20150715 TRID:RP12312312312312"))

        let blank = try Samples.parse("\(Samples.bai2Directory)/mojbai2-account_trailer_amount_blank_example.bai2")
        #expect(blank.statements.map(\.accountNumber) == ["12345", "54321"])
    }

    @Test("the development statement: two accounts, 600 lines, texts whole across 88s")
    func developmentStatement() throws {
        let file = try Samples.parse(Samples.statement)
        #expect(file.fileID == "LOCALACA/261120/1")
        #expect(file.statements.map(\.accountNumber) == ["004123456789012", "004123456789020"])
        #expect(file.statements.map(\.currency) == [.CAD, .USD])
        #expect(file.statements.map(\.lines.count) == [337, 263])
        #expect(file.statements[0].openingBalance == Money(minorUnits: 5_000_000, currency: .CAD))
        #expect(file.statements[0].closingBalance == Money(minorUnits: 630_667_426, currency: .CAD))
        let lines = file.statements.flatMap(\.lines)
        #expect(Set(lines.compactMap(\.bankReference)).count == 600)
        let byReference = Dictionary(uniqueKeysWithValues: lines.map { ($0.bankReference ?? "", $0) })
        // Cut mid-word, and cut before a space kept at the start of the 88.
        #expect(byReference["BR01000175"]?.text == "ATLAS GROCERS INC INV-2026-002064 INVOICE INV-2026-002060 INV-2026-002061 INV-2026-002059")
        #expect(byReference["BR01000208"]?.text == "ATLAS TRAVEL INC 2026-001254 INV-2026-001253 INV-2026-001260 INV-2026-001255")
        #expect(byReference["BR01000175"]?.sourceLine == 92)

        // The camt.053 twin carries the same lines: each BAI2 text is the payer's name and the remittance text.
        let camt = try Samples.text(Samples.camtStatement)
        var checked = 0
        for entry in camt.components(separatedBy: "<Ntry>").dropFirst() {
            guard let reference = Self.element("AcctSvcrRef", in: entry), let remittance = Self.element("Ustrd", in: entry) else { continue }
            let line = try #require(byReference[reference])
            let payer = Self.element("Nm", in: entry)
            #expect(line.text == [payer, remittance].compactMap { $0 }.joined(separator: " "), "\(reference)")
            #expect(line.amount.decimalString == Self.element("Amt", in: entry), "\(reference)")
            checked += 1
        }
        #expect(checked > 500)
    }

    private static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex),
              let start = xml.range(of: ">", range: open.upperBound..<close.lowerBound)
        else { return nil }
        return String(xml[start.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&apos;", with: "'")
    }

    @Test("type codes: credits, debits, custom ranges, reversals, informational codes counted but not lines")
    func typeCodes() throws {
        let text = """
            01,SENDER,RECEIVER,260101,0100,7,,,2/
            02,RECEIVER,SENDER,1,260101,,JPY,2/
            03,ACC1,,010,1000,,,015,2000,,/
            16,195,100,0,R1,,CREDIT/
            16,555,20,0,R2,,RETURNED CHEQUE/
            16,266,5,0,R3,,RETURN ITEM/
            16,930,7,0,R4,,CUSTOM CREDIT/
            16,975,8,0,R5,,CUSTOM DEBIT/
            16,721,9,0,R6,,LOAN INTEREST/
            16,890,,0,R7,,NON MONETARY/
            16,901,3,0,R8,,CUSTOM STATUS/
            49,3152,10/
            98,3152,1,12/
            99,3152,1,14/
            """
        let statement = try #require(try Samples.parse(text: text).statements.first)
        #expect(statement.currency == .JPY)
        #expect(statement.openingBalance == Money(minorUnits: 1000, currency: .JPY)) // ¥1000: JPY has no minor unit
        #expect(statement.lines.map(\.typeCode) == ["195", "555", "266", "930", "975"])
        #expect(statement.lines.map(\.direction) == [.credit, .debit, .credit, .credit, .debit])
        #expect(statement.lines.map(\.isReversal) == [false, true, true, false, false])
        #expect(statement.lines.map(\.sourceLine) == [4, 5, 6, 7, 8])
    }

    @Test("a field cut at the record length runs on into its 88; Windows-1252 text")
    func fieldSplitAcrossContinuation() throws {
        let text = """
            01,S,R,260101,0100,1,20,,2/
            02,R,S,1,260101,,EUR,2/
            03,123,,010,100,,,01
            88,5,200,,/
            16,195,5,0,,,CAF\u{C9} 1/
            49,305,4/
            98,305,1,6/
            99,305,1,8/
            """
        var data = Data(text.utf8)
        // The same text in Windows-1252: É is one byte.
        data = text.data(using: .windowsCP1252) ?? data
        let statement = try #require(try BAI2File.parse(data, fileName: "cut.bai2").statements.first)
        #expect(statement.currency == .EUR)
        #expect(statement.openingBalance?.minorUnits == 100)
        #expect(statement.closingBalance?.minorUnits == 200)
        #expect(statement.lines.first?.text == "CAF\u{C9} 1")
    }

    // MARK: Rejections

    @Test("moov's parse-error sample is rejected at its line")
    func parseErrorSample() throws {
        do {
            _ = try Samples.parse("\(Samples.bai2Directory)/moov-sample-parse-error.bai2")
            Issue.record("accepted")
        } catch let error as DomainError {
            #expect(error.location == "moov-sample-parse-error.bai2:1")
            #expect(error.field == "record type")
        }
    }

    @Test("a wrong 49 control total names the 49 line, expected and found")
    func wrongAccountTotal() throws {
        let text = try Samples.text(Samples.statement)
        let line = try #require(Samples.lineNumber(in: text) { $0.hasPrefix("49,1887002278,") })
        let bad = Samples.replacingLine(line, in: text) { $0.replacingOccurrences(of: "1887002278", with: "1887002279") }
        let error = try #require(Samples.error(bad, fileName: "statement.bai2"))
        #expect(error.location == "statement.bai2:\(line)")
        #expect(error.field == "49.control total")
        #expect(error.message.contains("1887002279") && error.message.contains("1887002278") && error.message.contains("004123456789012"))
    }

    @Test("a wrong 49 record count")
    func wrongAccountCount() throws {
        let text = try Samples.text(Samples.statement)
        let line = try #require(Samples.lineNumber(in: text) { $0.hasPrefix("49,1887002278,") })
        let bad = Samples.replacingLine(line, in: text) { $0.replacingOccurrences(of: ",347/", with: ",346/") }
        let error = try #require(Samples.error(bad, fileName: "statement.bai2"))
        #expect(error.location == "statement.bai2:\(line)" && error.field == "49.number of records")
        #expect(error.message.contains("346") && error.message.contains("347"))
    }

    @Test("a wrong 98 record count")
    func wrongGroupCount() throws {
        let text = try Samples.text(Samples.statement)
        let line = try #require(Samples.lineNumber(in: text) { $0.hasPrefix("98,") })
        let bad = Samples.replacingLine(line, in: text) { $0.replacingOccurrences(of: ",626/", with: ",625/") }
        let error = try #require(Samples.error(bad, fileName: "statement.bai2"))
        #expect(error.location == "statement.bai2:\(line)")
        #expect(error.field == "98.number of records")
        #expect(error.message.contains("625") && error.message.contains("626"))
    }

    @Test("wrong 98 and 99 control totals and counts")
    func wrongGroupAndFileTotals() throws {
        let text = try Samples.text("\(Samples.bai2Directory)/moov-sample1.bai2")
        let cases: [(String, String, String, String)] = [
            ("98,+00000000001280000,2,25/", "98,+00000000001280001,2,25/", "98.control total", "26"),
            ("98,+00000000001280000,2,25/", "98,+00000000001280000,3,25/", "98.number of accounts", "26"),
            ("99,+00000000001280000,1,27/", "99,+00000000001280001,1,27/", "99.control total", "27"),
            ("99,+00000000001280000,1,27/", "99,+00000000001280000,2,27/", "99.number of groups", "27"),
            ("99,+00000000001280000,1,27/", "99,+00000000001280000,1,28/", "99.number of records", "27"),
        ]
        for (good, bad, field, line) in cases {
            let error = try #require(Samples.error(text.replacingOccurrences(of: good, with: bad)))
            #expect(error.field == field && error.location == "test.bai2:\(line)", "\(bad)")
        }
    }

    @Test("a blank 49 total skips that check, not the count")
    func blankAccountTotal() throws {
        let text = try Samples.text("\(Samples.bai2Directory)/mojbai2-account_trailer_amount_blank_example.bai2")
        let error = try #require(Samples.error(text.replacingOccurrences(of: "03,12345,/\n49,,2/", with: "03,12345,/\n49,,3/")))
        #expect(error.field == "49.number of records" && error.location == "test.bai2:4")
    }

    @Test("truncated files name the missing trailer")
    func truncated() throws {
        let text = try Samples.text(Samples.statement)
        let lines = text.components(separatedBy: "\n")
        let last99 = try #require(lines.lastIndex { $0.hasPrefix("99,") })
        let without99 = lines[..<last99].joined(separator: "\n")
        let error = try #require(Samples.error(without99, fileName: "statement.bai2"))
        #expect(error.field == "99" && error.location == "statement.bai2:\(last99)")

        let first49 = try #require(lines.firstIndex { $0.hasPrefix("49,") })
        let insideAccount = try #require(Samples.error(lines[..<first49].joined(separator: "\n"), fileName: "statement.bai2"))
        #expect(insideAccount.field == "49" && insideAccount.message.contains("004123456789012"))

        #expect(Samples.error("")?.field == "01")
        #expect(Samples.error("\n\n")?.field == "01")
    }

    @Test("a 16 with a non-numeric amount")
    func nonNumericAmount() throws {
        let text = try Samples.text(Samples.statement)
        let line = try #require(Samples.lineNumber(in: text) { $0.hasPrefix("16,195,179744,") })
        for amount in ["17974A", "1797.44", "-179744"] {
            let bad = Samples.replacingLine(line, in: text) { $0.replacingOccurrences(of: "179744", with: amount) }
            let error = try #require(Samples.error(bad, fileName: "statement.bai2"))
            #expect(error.field == "16.amount" && error.location == "statement.bai2:\(line)", "\(amount)")
        }
    }

    @Test("records out of order, unknown records, bad fields")
    func outOfOrder() throws {
        let text = try Samples.text("\(Samples.bai2Directory)/moov-sample1.bai2")
        let cases: [(String, String, String, String)] = [
            // 16 before any 03: after the 02 header.
            ("02,12345,0004,1,060317,,CAD,/\n", "02,12345,0004,1,060317,,CAD,/\n16,409,1,0,,,X/\n", "16", "3"),
            // a 98 while the account is open
            ("49,+00000000000446000,9/\n", "", "98", "25"),
            ("02,12345,0004,1,060317,,CAD,/", "02,12345,0004,1,060317,,CAD,/\n17,1/", "record type", "3"),
            ("02,12345,0004,1,060317,,CAD,/", "02,12345,0004,1,060399,,CAD,/", "02.as-of date", "2"),
            ("02,12345,0004,1,060317,,CAD,/", "02,12345,0004,1,060317,,XYZ,/", "02.currency", "2"),
            ("16,409,000000000002500,V,060316", "16,409,000000000002500,Q,060316", "16.funds type", "5"),
            ("16,409,000000000002500,V,060316", "16,4O9,000000000002500,V,060316", "16.type code", "5"),
            ("88,100,000000000208500,00003,V,060316,,400,", "88,100,00000000020850X,00003,V,060316,,400,", "03.amount", "4"),
            ("99,+00000000001280000,1,27/", "99,+00000000001280000,1,27/\n16,1/", "16", "28"),
        ]
        for (good, bad, field, line) in cases {
            let changed = text.replacingOccurrences(of: good, with: bad)
            #expect(changed != text)
            let error = try #require(Samples.error(changed), "\(bad)")
            #expect(error.field == field && error.location == "test.bai2:\(line)", "\(bad): \(error)")
        }
        #expect(Samples.error("88,CONTINUED/\n")?.field == "88")
    }
}
