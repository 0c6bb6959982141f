import Foundation
import O2CDomain
@testable import O2CFormats
import Testing

/// The shared test data (`../shared/data`, see BAI2FileTests).
private enum CamtSamples {
    static let root = URL(fileURLWithPath: SharedData.folder)
    static func data(_ path: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(path)) }
    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }
}

/// `-564.05`, `5.0` → minor units of a two-decimal currency, without going through a Double.
private func cents(_ text: String) -> Int64 {
    let negative = text.hasPrefix("-")
    let parts = text.drop(while: { $0 == "-" }).split(separator: ".", omittingEmptySubsequences: false)
    let fraction = (parts.count > 1 ? String(parts[1]) : "").padding(toLength: 2, withPad: "0", startingAt: 0)
    let value = Int64(parts[0])! * 100 + Int64(fraction)!
    return negative ? -value : value
}

private func signed(_ line: BankLine) -> Int64 { line.direction == .credit ? line.amount.minorUnits : -line.amount.minorUnits }

private func parse(_ xml: String, fileName: String = "test.xml") throws(DomainError) -> BankFile {
    try CamtFile.parse(Data(xml.utf8), fileName: fileName)
}

/// The 1-based line of the `occurrence`-th line of `xml` that contains `marker`.
private func line(of marker: String, occurrence: Int = 1, in xml: String) -> Int {
    var seen = 0
    for (index, text) in xml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where text.contains(marker) {
        seen += 1
        if seen == occurrence { return index + 1 }
    }
    return -1
}

private func error(_ xml: String) -> DomainError? {
    do {
        _ = try parse(xml)
        return nil
    } catch { return error }
}

// MARK: - Oracles: OCA's expected parse, and the same statement as BAI2

@Suite struct CamtOracleTests {
    /// OCA's golden figures, read from its Python literal.
    struct Golden {
        var currency: String
        var account: String
        var name: String
        var date: String
        var balanceStart: Int64
        var balanceEnd: Int64
        var amounts: [Int64]
        var partners: [String]
        var partnerAccounts: [String]
        var refs: [String]

        init(_ text: String) throws {
            func all(_ key: String) throws -> [String] {
                let regex = try Regex<(Substring, Substring)>("'\(key)': '?([^',\\n]+)'?")
                return text.matches(of: regex).map { String($0.output.1) }
            }
            let head = try Regex<(Substring, Substring, Substring)>(#"^\('([A-Z]{3})',\s*'([^']+)'"#)
            let header = try #require(text.firstMatch(of: head))
            currency = String(header.output.1)
            account = String(header.output.2)
            name = try #require(try all("name").first)
            date = try #require(try all("date").first)
            balanceStart = cents(try #require(try all("balance_start").first))
            balanceEnd = cents(try #require(try all("balance_end_real").first))
            amounts = try all("amount").map(cents)
            partners = try all("partner_name")
            partnerAccounts = try all("account_number")
            refs = try all("ref")
        }
    }

    @Test func ocaCamt053MatchesOCAsParse() throws {
        let golden = try Golden(try CamtSamples.text("bank-files/camt/oca-golden-camt053.pydata"))
        let file = try CamtFile.parse(try CamtSamples.data("bank-files/camt/oca-test-camt053"), fileName: "oca-test-camt053")
        #expect(file.format == .camt053)
        #expect(file.fileID == "TESTBANK/NL/1420561226673")
        let statement = try #require(file.statements.first)
        #expect(file.statements.count == 1)
        #expect(statement.currency.code == golden.currency)
        #expect(statement.accountNumber == golden.account)
        #expect(statement.statementID == golden.name)
        #expect(statement.date?.description == golden.date)
        #expect(statement.openingBalance?.minorUnits == golden.balanceStart)
        #expect(statement.closingBalance?.minorUnits == golden.balanceEnd)
        // The batched reversal (2 TxDtls) is split as OCA splits it: 4 lines, same signed amounts.
        #expect(statement.lines.map(signed) == golden.amounts)
        #expect(statement.lines.map(signed).reduce(0, +) == golden.amounts.reduce(0, +))
        #expect(statement.lines.map { $0.payerName ?? "" } == golden.partners)
        #expect(statement.lines.map { $0.payerAccount ?? "" } == golden.partnerAccounts)
        #expect(statement.lines.map { $0.customerReference ?? "" } == golden.refs)  // OCA's ref is the EndToEndId here
        #expect(statement.lines.allSatisfy { $0.bookingDate?.description == golden.date && $0.isBooked })
        // What OCA does not read: the reversal flag, the type code, the split's own line numbers.
        #expect(statement.lines.map(\.isReversal) == [false, true, true, false])
        #expect(statement.lines.map { $0.typeCode ?? "" } == ["PMNT/RDDT/ESDD", "PMNT/IDDT/UPDD", "PMNT/IDDT/UPDD", "PMNT/RCDT/ESCT"])
        #expect(statement.lines[0].text == "Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014 MKB Insurance 859239PERIOD 01.01.2014 - 31.12.2014")
        #expect(statement.lines.map(\.sourceLine) == [50, 144, 185, 228])  // Ntry, TxDtls, TxDtls, Ntry
        // No AcctSvcrRef anywhere in this file: no bank reference to invent.
        #expect(statement.lines.allSatisfy { $0.bankReference == nil })
    }

    @Test func ocaCamt054MatchesOCAsParse() throws {
        let golden = try Golden(try CamtSamples.text("bank-files/camt/oca-golden-camt054.pydata"))
        let file = try CamtFile.parse(try CamtSamples.data("bank-files/camt/oca-test-camt054"), fileName: "oca-test-camt054")
        #expect(file.format == .camt054)
        #expect(file.fileID == "20220126375204763458853")
        let statement = try #require(file.statements.first)
        #expect(statement.currency.code == golden.currency)  // no Acct/Ccy: the entry's currency
        #expect(statement.accountNumber == golden.account)
        #expect(statement.statementID == golden.name)
        #expect(statement.date?.description == golden.date)
        // A notification has no balances; OCA writes 0.0 for them.
        #expect(golden.balanceStart == 0 && golden.balanceEnd == 0)
        #expect(statement.openingBalance == nil && statement.closingBalance == nil)
        #expect(statement.lines.map(signed) == golden.amounts)
        let line = try #require(statement.lines.first)
        #expect(line.payerName == golden.partners.first)
        #expect(line.payerAccount == golden.partnerAccounts.first)
        #expect(line.structuredReferences == golden.refs)  // OCA's ref is the QRR creditor reference here
        #expect(line.bankReference == "15180015077602405")  // the transaction's own AcctSvcrRef, not the entry's
        #expect(line.customerReference == "ENDTOENDID-01")
        #expect(line.typeCode == "PMNT/RCDT/ATXN")  // the transaction's own code
        #expect(line.text == "Additional entry info")
        #expect(line.isBooked && !line.isReversal)
    }

    /// The development statement, against the same lines in BAI2.
    @Test func cashApplicationStatementMatchesItsBAI2() throws {
        struct Account { var currency = ""; var opening: Int64 = 0; var closing: Int64 = 0; var lines: [(ref: String, signed: Int64)] = [] }
        var bai: [String: Account] = [:]
        var current = ""
        for record in try CamtSamples.text("cash-application-dev/statement.bai2").split(separator: "\n") {
            let fields = record.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch fields[0] {
            case "03":
                current = fields[1]
                bai[current] = Account(currency: fields[2], opening: Int64(fields[4])!, closing: Int64(fields[8])!)
                #expect(fields[3] == "010" && fields[7] == "015")
            case "16":
                let type = Int(fields[1])!
                let amount = Int64(fields[2])!
                bai[current]!.lines.append((fields[4], type < 400 ? amount : -amount))
            default: break
            }
        }

        let file = try CamtFile.parse(try CamtSamples.data("cash-application-dev/statement.camt053.xml"), fileName: "statement.camt053.xml")
        #expect(file.format == .camt053)
        #expect(file.statements.map(\.accountNumber) == ["004123456789012", "004123456789020"])
        #expect(file.statements.map(\.currency.code) == ["CAD", "USD"])
        #expect(Set(file.statements.map(\.accountNumber)) == Set(bai.keys))
        var references = Set<String>()
        for statement in file.statements {
            let expected = try #require(bai[statement.accountNumber])
            #expect(statement.currency.code == expected.currency)
            #expect(statement.lines.count == expected.lines.count)
            let credits = statement.lines.filter { $0.direction == .credit }.map(\.amount.minorUnits).reduce(0, +)
            let debits = statement.lines.filter { $0.direction == .debit }.map(\.amount.minorUnits).reduce(0, +)
            let expectedCredits: Int64 = expected.lines.map(\.signed).filter { $0 > 0 }.reduce(0, +)
            let expectedDebits: Int64 = expected.lines.map(\.signed).filter { $0 < 0 }.reduce(0, +)
            #expect(credits == expectedCredits)
            #expect(debits == -expectedDebits)
            #expect(statement.lines.map { $0.bankReference ?? "" } == expected.lines.map(\.ref))
            #expect(statement.lines.map(signed) == expected.lines.map(\.signed))
            #expect(statement.openingBalance?.minorUnits == expected.opening)
            #expect(statement.closingBalance?.minorUnits == expected.closing)
            #expect(expected.opening + statement.lines.map(signed).reduce(0, +) == expected.closing)
            #expect(statement.date?.description == "2026-11-20")
            #expect(statement.lines.allSatisfy { $0.isBooked && !$0.isReversal && $0.typeCode == "PMNT/RCDT/OTHR" })
            for line in statement.lines {
                let reference = try #require(line.bankReference)
                #expect(!reference.isEmpty)
                #expect(references.insert(reference).inserted, "duplicate bank reference \(reference)")
            }
        }
        let first = try #require(file.statements.first?.lines.first)
        #expect(first.payerName == "NOVA FOODS INC")
        #expect(first.text == "INV-2026-003074")
        #expect(first.amount == Money(minorUnits: 179_744, currency: .CAD))
        #expect(first.sourceLine == 11)
    }
}

// MARK: - Hand-made documents (the .001.08 ones validate against the ISO schema)

@Suite struct CamtHandMadeTests {
    static let statement08 = #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
      <BkToCstmrStmt>
        <GrpHdr>
          <MsgId>MSG-08-0001</MsgId>
          <CreDtTm>2026-11-21T05:30:00+01:00</CreDtTm>
        </GrpHdr>
        <Stmt>
          <Id>STMT-2026-11-20</Id>
          <CreDtTm>2026-11-21T05:30:00+01:00</CreDtTm>
          <Acct>
            <Id>
              <IBAN>DE89370400440532013000</IBAN>
            </Id>
            <Ccy>EUR</Ccy>
          </Acct>
          <Bal>
            <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
            <Amt Ccy="EUR">100.00</Amt>
            <CdtDbtInd>DBIT</CdtDbtInd>
            <Dt><Dt>2026-11-20</Dt></Dt>
          </Bal>
          <Bal>
            <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
            <Amt Ccy="EUR">424.50</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <Dt><Dt>2026-11-20</Dt></Dt>
          </Bal>
          <Ntry>
            <NtryRef>1</NtryRef>
            <Amt Ccy="EUR">250.00</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><Dt>2026-11-20</Dt></BookgDt>
            <ValDt><Dt>2026-11-20</Dt></ValDt>
            <AcctSvcrRef>E-0001</AcctSvcrRef>
            <BkTxCd>
              <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
            </BkTxCd>
            <NtryDtls>
              <TxDtls>
                <Refs>
                  <EndToEndId>NOTPROVIDED</EndToEndId>
                </Refs>
                <Amt Ccy="EUR">250.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <RltdPties>
                  <Dbtr><Pty><Nm>ACME GMBH</Nm><PstlAdr><Ctry>DE</Ctry></PstlAdr></Pty></Dbtr>
                  <DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct>
                  <Cdtr><Pty><Nm>OUR COMPANY AG</Nm></Pty></Cdtr>
                </RltdPties>
                <RmtInf>
                  <Ustrd>Invoices INV-1001</Ustrd>
                  <Ustrd>and INV-1002</Ustrd>
                  <Strd>
                    <RfrdDocInf><Nb>INV-1001</Nb></RfrdDocInf>
                    <RfrdDocInf><Nb>INV-1002</Nb></RfrdDocInf>
                    <CdtrRefInf>
                      <Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>
                      <Ref>RF18539007547034</Ref>
                    </CdtrRefInf>
                  </Strd>
                </RmtInf>
                <AddtlTxInf>SEPA credit transfer</AddtlTxInf>
              </TxDtls>
            </NtryDtls>
          </Ntry>
          <Ntry>
            <Amt Ccy="EUR">600.00</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><Dt>2026-11-20</Dt></BookgDt>
            <ValDt><Dt>2026-11-21</Dt></ValDt>
            <AcctSvcrRef>BATCH-7</AcctSvcrRef>
            <BkTxCd>
              <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>BOOK</SubFmlyCd></Fmly></Domn>
            </BkTxCd>
            <NtryDtls>
              <Btch>
                <NbOfTxs>3</NbOfTxs>
                <TtlAmt Ccy="EUR">600.00</TtlAmt>
                <CdtDbtInd>CRDT</CdtDbtInd>
              </Btch>
              <TxDtls>
                <Refs>
                  <AcctSvcrRef>TX-A</AcctSvcrRef>
                  <EndToEndId>E2E-A</EndToEndId>
                </Refs>
                <Amt Ccy="EUR">100.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <RltdPties><Dbtr><Pty><Nm>ALPHA SARL</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Ustrd>INV-2001</Ustrd></RmtInf>
              </TxDtls>
              <TxDtls>
                <Refs>
                  <AcctSvcrRef>TX-B</AcctSvcrRef>
                  <EndToEndId>E2E-B</EndToEndId>
                </Refs>
                <AmtDtls><TxAmt><Amt Ccy="EUR">200.00</Amt></TxAmt></AmtDtls>
                <RltdPties><Dbtr><Pty><Nm>BETA BV</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Ustrd>INV-2002</Ustrd></RmtInf>
              </TxDtls>
              <TxDtls>
                <Refs>
                  <EndToEndId>E2E-C</EndToEndId>
                </Refs>
                <AmtDtls>
                  <InstdAmt><Amt Ccy="USD">330.00</Amt></InstdAmt>
                  <TxAmt><Amt Ccy="EUR">300.00</Amt></TxAmt>
                </AmtDtls>
                <RltdPties><Dbtr><Pty><Nm>GAMMA INC</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Strd><CdtrRefInf><Ref>RF712348231</Ref></CdtrRefInf></Strd></RmtInf>
              </TxDtls>
            </NtryDtls>
            <AddtlNtryInf>Collective credit</AddtlNtryInf>
          </Ntry>
          <Ntry>
            <Amt Ccy="EUR">75.50</Amt>
            <CdtDbtInd>DBIT</CdtDbtInd>
            <Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><DtTm>2026-11-20T14:02:11+01:00</DtTm></BookgDt>
            <ValDt><Dt>2026-11-20</Dt></ValDt>
            <AcctSvcrRef>E-0003</AcctSvcrRef>
            <BkTxCd><Prtry><Cd>N099</Cd></Prtry></BkTxCd>
            <NtryDtls>
              <TxDtls>
                <Refs><EndToEndId>PO-77</EndToEndId></Refs>
                <RltdPties>
                  <Dbtr><Pty><Nm>OUR COMPANY AG</Nm></Pty></Dbtr>
                  <Cdtr><Pty><Nm>OFFICE SUPPLIES SA</Nm></Pty></Cdtr>
                  <CdtrAcct><Id><Othr><Id>0012345678</Id></Othr></Id></CdtrAcct>
                </RltdPties>
                <RmtInf><Ustrd>Order 77</Ustrd></RmtInf>
              </TxDtls>
            </NtryDtls>
          </Ntry>
          <Ntry>
            <Amt Ccy="EUR">250.00</Amt>
            <CdtDbtInd>DBIT</CdtDbtInd>
            <RvslInd>true</RvslInd>
            <Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><Dt>2026-11-20</Dt></BookgDt>
            <AcctSvcrRef>E-0004</AcctSvcrRef>
            <BkTxCd>
              <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
            </BkTxCd>
            <NtryDtls>
              <TxDtls>
                <RltdPties>
                  <Dbtr><Pty><Nm>ACME GMBH</Nm></Pty></Dbtr>
                  <Cdtr><Pty><Nm>OUR COMPANY AG</Nm></Pty></Cdtr>
                </RltdPties>
              </TxDtls>
            </NtryDtls>
            <AddtlNtryInf>Return of E-0001</AddtlNtryInf>
          </Ntry>
          <Ntry>
            <Amt Ccy="EUR">10.00</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <Sts><Cd>PDNG</Cd></Sts>
            <AcctSvcrRef>E-0005</AcctSvcrRef>
            <BkTxCd>
              <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
            </BkTxCd>
          </Ntry>
        </Stmt>
      </BkToCstmrStmt>
    </Document>
    """#

    static let notification08 = #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
      <BkToCstmrDbtCdtNtfctn>
        <GrpHdr>
          <MsgId>NTF-0001</MsgId>
          <CreDtTm>2026-11-20T18:00:00</CreDtTm>
        </GrpHdr>
        <Ntfctn>
          <Id>NTF-0001-1</Id>
          <CreDtTm>2026-11-20T18:00:00</CreDtTm>
          <Acct>
            <Id><IBAN>CH9300762011623852957</IBAN></Id>
          </Acct>
          <Ntry>
            <Amt Ccy="CHF">1250.40</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><Dt>2026-11-20</Dt></BookgDt>
            <ValDt><Dt>2026-11-20</Dt></ValDt>
            <AcctSvcrRef>QR-991</AcctSvcrRef>
            <BkTxCd>
              <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn>
            </BkTxCd>
            <NtryDtls>
              <TxDtls>
                <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                <Amt Ccy="CHF">1250.40</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <RltdPties>
                  <Dbtr><Pty><Nm>MUSTER AG</Nm></Pty></Dbtr>
                  <DbtrAcct><Id><IBAN>CH5604835012345678009</IBAN></Id></DbtrAcct>
                </RltdPties>
                <RmtInf>
                  <Strd>
                    <CdtrRefInf>
                      <Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp>
                      <Ref>210000000003139471430009017</Ref>
                    </CdtrRefInf>
                  </Strd>
                </RmtInf>
              </TxDtls>
            </NtryDtls>
          </Ntry>
        </Ntfctn>
      </BkToCstmrDbtCdtNtfctn>
    </Document>
    """#

    @Test func camt053v08() throws {
        let xml = Self.statement08
        let file = try parse(xml, fileName: "stmt08.xml")
        #expect(file.format == .camt053)
        #expect(file.fileID == "MSG-08-0001")
        let statement = try #require(file.statements.first)
        #expect(statement.accountNumber == "DE89370400440532013000")
        #expect(statement.currency == .EUR)
        #expect(statement.statementID == "STMT-2026-11-20")
        #expect(statement.date?.description == "2026-11-20")  // the closing balance's day, not CreDtTm's
        #expect(statement.openingBalance == Money(minorUnits: -10_000, currency: .EUR))
        #expect(statement.closingBalance == Money(minorUnits: 42_450, currency: .EUR))
        let booked = statement.lines.filter(\.isBooked).map(signed).reduce(0, +)
        #expect(statement.openingBalance!.minorUnits + booked == statement.closingBalance!.minorUnits)

        let lines = statement.lines
        #expect(lines.count == 7)  // 1 + 3 (batch) + 1 + 1 + 1

        let single = lines[0]
        #expect(single.sourceLine == line(of: "<Ntry>", occurrence: 1, in: xml))
        #expect(single.bankReference == "E-0001")
        #expect(single.customerReference == nil)  // NOTPROVIDED
        #expect(single.amount == Money(minorUnits: 25_000, currency: .EUR))
        #expect(single.direction == .credit)
        #expect(single.payerName == "ACME GMBH")  // Dbtr/Pty/Nm
        #expect(single.payerAccount == "DE02120300000000202051")
        #expect(single.structuredReferences == ["INV-1001", "INV-1002", "RF18539007547034"])
        #expect(single.text == "Invoices INV-1001 and INV-1002 SEPA credit transfer")
        #expect(single.typeCode == "PMNT/RCDT/ESCT")
        #expect(single.bookingDate?.description == "2026-11-20")
        #expect(single.isBooked && !single.isReversal)

        let batch = Array(lines[1...3])
        #expect(batch.map(\.amount.minorUnits) == [10_000, 20_000, 30_000])
        #expect(batch.map(\.bankReference) == ["TX-A", "TX-B", "BATCH-7/3"])
        #expect(batch.map(\.customerReference) == ["E2E-A", "E2E-B", "E2E-C"])
        #expect(batch.map(\.payerName) == ["ALPHA SARL", "BETA BV", "GAMMA INC"])
        #expect(batch.map(\.text) == ["INV-2001 Collective credit", "INV-2002 Collective credit", "Collective credit"])
        #expect(batch[2].structuredReferences == ["RF712348231"])
        #expect(batch.map(\.sourceLine) == (1...3).map { line(of: "<TxDtls>", occurrence: $0 + 1, in: xml) })
        #expect(batch.allSatisfy { $0.direction == .credit && $0.valueDate?.description == "2026-11-21" })

        let debit = lines[4]
        #expect(debit.direction == .debit)
        #expect(debit.amount == Money(minorUnits: 7_550, currency: .EUR))
        #expect(debit.payerName == "OFFICE SUPPLIES SA")  // the creditor of a debit
        #expect(debit.payerAccount == "0012345678")
        #expect(debit.typeCode == "N099")
        #expect(debit.bookingDate?.description == "2026-11-20")  // from DtTm

        let reversal = lines[5]
        #expect(reversal.direction == .debit && reversal.isReversal)
        #expect(reversal.payerName == "ACME GMBH")  // the debtor of the credit it undoes
        #expect(reversal.text == "Return of E-0001")

        let pending = lines[6]
        #expect(!pending.isBooked && pending.bookingDate == nil)
        #expect(pending.text == "" && pending.structuredReferences.isEmpty)
    }

    @Test func camt054v08() throws {
        let file = try parse(Self.notification08)
        #expect(file.format == .camt054)
        let statement = try #require(file.statements.first)
        #expect(statement.currency == .CHF)  // no Acct/Ccy: the first entry's
        #expect(statement.accountNumber == "CH9300762011623852957")
        #expect(statement.date?.description == "2026-11-20")
        #expect(statement.openingBalance == nil)
        let line = try #require(statement.lines.first)
        #expect(line.amount == Money(minorUnits: 125_040, currency: .CHF))
        #expect(line.customerReference == nil)
        #expect(line.payerName == "MUSTER AG")
        #expect(line.structuredReferences == ["210000000003139471430009017"])
        #expect(line.bankReference == "QR-991")
    }

    /// Prefixed names and an older version, with `Sts` as plain text and the .001.02 `Dbtr/Nm`.
    @Test func prefixedOlderVersion() throws {
        let xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><c:BkToCstmrStmt>
        <c:GrpHdr><c:MsgId>M1</c:MsgId><c:CreDtTm>2026-11-20T06:00:00</c:CreDtTm></c:GrpHdr>
        <c:Stmt><c:Id>S1</c:Id><c:CreDtTm>2026-11-20T06:00:00</c:CreDtTm>
        <c:FrToDt><c:FrDtTm>2026-11-19T00:00:00</c:FrDtTm><c:ToDtTm>2026-11-19T23:59:59</c:ToDtTm></c:FrToDt>
        <c:Acct><c:Id><c:Othr><c:Id>12-345</c:Id></c:Othr></c:Id><c:Ccy>JPY</c:Ccy></c:Acct>
        <c:Bal><c:Tp><c:CdOrPrtry><c:Cd>PRCD</c:Cd></c:CdOrPrtry></c:Tp><c:Amt Ccy="JPY">1000</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Dt><c:Dt>2026-11-18</c:Dt></c:Dt></c:Bal>
        <c:Ntry><c:Amt Ccy="JPY">5000</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts>BOOK</c:Sts>
        <c:BkTxCd><c:Prtry><c:Cd>TRF</c:Cd></c:Prtry></c:BkTxCd>
        <c:NtryDtls><c:TxDtls><c:RltdPties><c:Dbtr><c:Nm>Caf\u{E9} Tanaka</c:Nm></c:Dbtr></c:RltdPties>
        <c:RmtInf><c:Ustrd><![CDATA[Rechnung <42>]]></c:Ustrd></c:RmtInf></c:TxDtls></c:NtryDtls></c:Ntry>
        <c:Ntry><c:Amt Ccy="JPY">700</c:Amt><c:CdtDbtInd>DBIT</c:CdtDbtInd><c:Sts>INFO</c:Sts><c:BkTxCd/></c:Ntry>
        </c:Stmt></c:BkToCstmrStmt></c:Document>
        """
        let latin1 = try #require(xml.data(using: .isoLatin1))
        let file = try CamtFile.parse(latin1, fileName: "old.xml")
        let statement = try #require(file.statements.first)
        #expect(statement.accountNumber == "12-345")
        #expect(statement.currency == .JPY)
        #expect(statement.date?.description == "2026-11-19")  // FrToDt, not the next morning's CreDtTm
        #expect(statement.openingBalance == Money(minorUnits: 1000, currency: .JPY))  // PRCD stands in for OPBD
        #expect(statement.closingBalance == nil)
        #expect(statement.lines.map(\.amount.minorUnits) == [5000, 700])
        #expect(statement.lines.map(\.isBooked) == [true, false])
        #expect(statement.lines[0].payerName == "Caf\u{E9} Tanaka")
        #expect(statement.lines[0].text == "Rechnung <42>")
        #expect(statement.lines[0].typeCode == "TRF")
        #expect(statement.lines[1].typeCode == nil)
    }

    /// The schema requires `Sts`; some camt.054 leave it out. A booking date then means booked.
    @Test func notificationWithoutStatus() throws {
        let file = try parse("""
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>
        <GrpHdr><MsgId>N</MsgId><CreDtTm>2026-11-20T06:00:00</CreDtTm></GrpHdr>
        <Ntfctn><Id>N1</Id><CreDtTm>2026-11-20T06:00:00</CreDtTm><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
        <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt></Ntry>
        <Ntry><Amt Ccy="EUR">2.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>
        </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
        """)
        #expect(file.statements[0].lines.map(\.isBooked) == [true, false])
        #expect(file.statements[0].date?.description == "2026-11-20")  // CreDtTm, the last resort
    }

    /// A lone TxDtls stands for its entry: the entry's amount (what moved), not the amount before charges.
    /// A credit naming only the creditor (the account holder) has no payer.
    @Test func loneTransactionTakesTheEntrysAmount() throws {
        let file = try parse(minimal(entry: """
        <Ntry><Amt Ccy="EUR">985.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>W1</AcctSvcrRef><NtryDtls><TxDtls>
        <AmtDtls><InstdAmt><Amt Ccy="EUR">1000.00</Amt></InstdAmt></AmtDtls>
        <RltdPties><Cdtr><Nm>OUR COMPANY</Nm></Cdtr></RltdPties>
        </TxDtls></NtryDtls></Ntry>
        """))
        let line = file.statements[0].lines[0]
        #expect(line.amount.minorUnits == 98_500)
        #expect(line.bankReference == "W1")
        #expect(line.payerName == nil)
    }

    /// camt.053.001.01 puts TxDtls straight under Ntry, and balance types under Tp/Cd.
    @Test func version001() throws {
        let file = try parse("""
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.01"><BkToCstmrStmt>
        <GrpHdr><MsgId>M</MsgId><CreDtTm>2026-11-20T06:00:00</CreDtTm></GrpHdr>
        <Stmt><Id>S</Id><CreDtTm>2026-11-20T06:00:00</CreDtTm><Acct><Id><BBAN>123456</BBAN></Id><Ccy>GBP</Ccy></Acct>
        <Bal><Tp><Cd>CLBD</Cd></Tp><Amt Ccy="GBP">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-11-19</Dt></Dt></Bal>
        <Ntry><Amt Ccy="GBP">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>B</AcctSvcrRef><BkTxCd/>
        <TxDtls><AmtDtls><TxAmt><Amt Ccy="GBP">1.00</Amt></TxAmt></AmtDtls></TxDtls>
        <TxDtls><AmtDtls><TxAmt><Amt Ccy="GBP">2.00</Amt></TxAmt></AmtDtls></TxDtls></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """)
        let statement = file.statements[0]
        #expect(statement.accountNumber == "123456")
        #expect(statement.closingBalance == Money(minorUnits: -500, currency: .GBP))
        #expect(statement.date?.description == "2026-11-19")
        #expect(statement.lines.map(\.amount.minorUnits) == [100, 200])
        #expect(statement.lines.map(\.bankReference) == ["B/1", "B/2"])
    }

    /// A shared-service centre pays for its company: the ultimate debtor is the payer named, the
    /// centre stays in the text; each referred document's remitted amount is written after its number.
    @Test func ultimateDebtorAndRemittedAmounts() throws {
        let file = try parse(minimal(entry: """
        <Ntry><Amt Ccy="EUR">150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>U1</AcctSvcrRef><NtryDtls><TxDtls>
        <RltdPties><Dbtr><Nm>GROUP TREASURY SERVICES BV</Nm></Dbtr><UltmtDbtr><Nm>Fabbri S.p.A.</Nm></UltmtDbtr></RltdPties>
        <RmtInf><Strd><RfrdDocInf><Nb>EX26-01301</Nb></RfrdDocInf><RfrdDocAmt><DuePyblAmt Ccy="EUR">102.04</DuePyblAmt><RmtdAmt Ccy="EUR">100.00</RmtdAmt></RfrdDocAmt></Strd>
        <Strd><RfrdDocAmt><RmtdAmt Ccy="EUR">50.00</RmtdAmt></RfrdDocAmt><CdtrRefInf><Ref>RF672601958</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls></Ntry>
        """))
        let line = file.statements[0].lines[0]
        #expect(line.payerName == "Fabbri S.p.A.")
        #expect(line.structuredReferences == ["EX26-01301", "RF672601958"])
        #expect(line.text == "GROUP TREASURY SERVICES BV EX26-01301 100.00 RF672601958 50.00")
    }

    /// A credit note netted, a purchase order and a voucher referred to (their kind's ISO code):
    /// written under their label in the text, none a reference to pay.
    @Test func creditNotesAndPayersDocumentsAreNoReferences() throws {
        let file = try parse(minimal(entry: """
        <Ntry><Amt Ccy="EUR">3706.16</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>C1</AcctSvcrRef><NtryDtls><TxDtls>
        <RmtInf><Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>NA260048</Nb></RfrdDocInf><RfrdDocAmt><RmtdAmt Ccy="EUR">5250.00</RmtdAmt></RfrdDocAmt></Strd>
        <Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CREN</Cd></CdOrPrtry></Tp><Nb>CN260388</Nb></RfrdDocInf><RfrdDocAmt><CdtNoteAmt Ccy="EUR">1543.84</CdtNoteAmt></RfrdDocAmt>
        <AddtlRmtInf>CREDIT NOTE AGAINST INVOICE NA260048</AddtlRmtInf></Strd>
        <Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>PUOR</Cd></CdOrPrtry></Tp><Nb>4500012345</Nb></RfrdDocInf></Strd></RmtInf>
        </TxDtls></NtryDtls></Ntry>
        """))
        let line = file.statements[0].lines[0]
        #expect(line.structuredReferences == ["NA260048"])
        #expect(line.text == "NA260048 5250.00 CRN CN260388 CREDIT 1543.84 CREDIT NOTE AGAINST INVOICE NA260048 PO 4500012345")
    }

    /// Amounts without their decimals (valid ISO) are written as a remittance writes them.
    @Test func documentAmountsAreWrittenWithTheCurrencysDecimals() throws {
        let file = try parse(minimal(entry: """
        <Ntry><Amt Ccy="EUR">1200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>C2</AcctSvcrRef><NtryDtls><TxDtls>
        <RmtInf><Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>INV-1004</Nb></RfrdDocInf><RfrdDocAmt><RmtdAmt Ccy="EUR">1400</RmtdAmt></RfrdDocAmt></Strd>
        <Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CREN</Cd></CdOrPrtry></Tp><Nb>CM-1544</Nb></RfrdDocInf><RfrdDocAmt><CdtNoteAmt Ccy="EUR">200</CdtNoteAmt></RfrdDocAmt></Strd></RmtInf>
        </TxDtls></NtryDtls></Ntry>
        """))
        #expect(file.statements[0].lines[0].text == "INV-1004 1400.00 CRN CM-1544 CREDIT 200.00")
    }

    @Test func trailingZerosPastTheCurrencysDecimalsAreTheSameAmount() throws {
        let file = try parse(minimal(entry: #"<Ntry><Amt Ccy="EUR">10.500</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#))
        #expect(file.statements[0].lines[0].amount == Money(minorUnits: 1050, currency: .EUR))
    }
}

// MARK: - What must be refused, with a place to look

/// A one-statement camt.053.001.02 around `entry`: its `<Ntry>` starts on line 5.
private func minimal(entry: String, currency: String = "EUR") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
    <GrpHdr><MsgId>M</MsgId><CreDtTm>2026-11-20T06:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>S</Id><CreDtTm>2026-11-20T06:00:00</CreDtTm><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>\(currency)</Ccy></Acct>
    \(entry)
    </Stmt></BkToCstmrStmt></Document>
    """
}

@Suite struct CamtErrorTests {
    @Test func malformedXMLNamesTheLineAndTheOpenElement() throws {
        let failure = try #require(error(minimal(entry: "<Ntry><Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n</Stmt>")))
        #expect(failure.field == "xml")
        #expect(failure.location == "test.xml:7")
        #expect(failure.message.contains("<Ntry> of line 5"), "\(failure)")
    }

    @Test func truncatedFile() throws {
        let failure = try #require(error("<Document>\n<BkToCstmrStmt>\n<Stmt>\n"))
        #expect(failure.field == "xml")
        #expect(failure.message.contains("<Stmt> of line 3"), "\(failure)")
    }

    @Test func emptyOrNotXML() throws {
        #expect(error("")?.field == "xml")
        #expect(error("hello")?.field == "xml")
        #expect(error("<Document>&nbsp;</Document>")?.field == "xml")
    }

    @Test func tooManyDecimals() throws {
        let failure = try #require(error(minimal(entry: #"<Ntry><Amt Ccy="EUR">10.005</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#)))
        #expect(failure.field == "Ntry/Amt")
        #expect(failure.location == "test.xml:5")
        #expect(failure.message.contains("2 decimals"), "\(failure)")
        #expect(error(minimal(entry: #"<Ntry><Amt Ccy="JPY">10.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#, currency: "JPY"))?.field == "Ntry/Amt")
    }

    @Test func badAmounts() throws {
        for text in ["-10.00", "1,000.00", "1e3", "", "10.", ".5", "12 34", "1234567890123456.00"] {
            let failure = error(minimal(entry: #"<Ntry><Amt Ccy="EUR">\#(text)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#))
            #expect(failure?.field == "Ntry/Amt", "'\(text)': \(String(describing: failure))")
        }
        #expect(error(minimal(entry: #"<Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#))?.message == "missing Ccy attribute")
        #expect(error(minimal(entry: #"<Ntry><Amt Ccy="XXX">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#))?.field == "Ntry/Amt/@Ccy")
    }

    @Test func missingAmount() throws {
        let failure = try #require(error(minimal(entry: "<Ntry>\n<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>")))
        #expect(failure.field == "Ntry/Amt")
        #expect(failure.location == "test.xml:5")
    }

    @Test func entryInAnotherCurrencyThanTheAccount() throws {
        let failure = error(minimal(entry: #"<Ntry><Amt Ccy="USD">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>"#))
        #expect(failure?.message == "amount in USD on a EUR account")
    }

    @Test func badIndicators() throws {
        #expect(error(minimal(entry: #"<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CREDIT</CdtDbtInd></Ntry>"#))?.field == "Ntry/CdtDbtInd")
        #expect(error(minimal(entry: #"<Ntry><Amt Ccy="EUR">1.00</Amt></Ntry>"#))?.field == "Ntry/CdtDbtInd")
        #expect(error(minimal(entry: #"<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>yes</RvslInd></Ntry>"#))?.field == "Ntry/RvslInd")
        #expect(error(minimal(entry: #"<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-02-30</Dt></BookgDt></Ntry>"#))?.field == "Ntry/BookgDt/Dt")
    }

    @Test func batchWhoseTransactionsLackAmounts() throws {
        let failure = try #require(error(minimal(entry: """
        <Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><NtryDtls>
        <TxDtls><Refs><EndToEndId>A</EndToEndId></Refs></TxDtls>
        <TxDtls><Refs><EndToEndId>B</EndToEndId></Refs></TxDtls>
        </NtryDtls></Ntry>
        """)))
        #expect(failure.location == "test.xml:6")
        #expect(failure.field == "TxDtls/AmtDtls/TxAmt/Amt")
    }

    @Test func batchThatDoesNotAddUp() throws {
        let failure = try #require(error(minimal(entry: """
        <Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><NtryDtls>
        <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">1.00</Amt></TxAmt></AmtDtls></TxDtls>
        <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">1.00</Amt></TxAmt></AmtDtls></TxDtls>
        </NtryDtls></Ntry>
        """)))
        #expect(failure.location == "test.xml:5")
        #expect(failure.message.contains("add up to 2.00"), "\(failure)")
    }

    /// A batch of several TxDtls with neither own references nor an entry reference: no references.
    /// Several sharing the entry's reference: made unique.
    @Test func batchReferences() throws {
        let tx = #"<TxDtls><Refs><AcctSvcrRef>SAME</AcctSvcrRef></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">1.00</Amt></TxAmt></AmtDtls></TxDtls>"#
        let shared = try parse(minimal(entry: #"<Ntry><Amt Ccy="EUR">2.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>SAME</AcctSvcrRef><NtryDtls>\#(tx)\#(tx)</NtryDtls></Ntry>"#))
        #expect(shared.statements[0].lines.map(\.bankReference) == ["SAME/1", "SAME/2"])
        let bare = #"<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">1.00</Amt></TxAmt></AmtDtls></TxDtls>"#
        let none = try parse(minimal(entry: #"<Ntry><Amt Ccy="EUR">2.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><NtryDtls>\#(bare)</NtryDtls><NtryDtls>\#(bare)</NtryDtls></Ntry>"#))
        #expect(none.statements[0].lines.map(\.bankReference) == [nil, nil])
    }

    /// A transaction's own CdtDbtInd counts in a batch (a credit net of a debit).
    @Test func batchWithMixedDirections() throws {
        let file = try parse(minimal(entry: """
        <Ntry><Amt Ccy="EUR">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><AcctSvcrRef>N</AcctSvcrRef><NtryDtls>
        <TxDtls><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>
        <TxDtls><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>
        </NtryDtls></Ntry>
        """))
        #expect(file.statements[0].lines.map(signed) == [10_000, -1_000])
        #expect(file.statements[0].lines.map(\.bankReference) == ["N/1", "N/2"])
        #expect(file.statements[0].lines.map(\.sourceLine) == [6, 7])
    }

    @Test func notACamtDocument() throws {
        let pain = try #require(error("""
        <?xml version="1.0"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>
        """))
        #expect(pain.field == "Document")
        #expect(pain.message.contains("<CstmrCdtTrfInitn>") && pain.message.contains("pain.001.001.03"), "\(pain)")
        #expect(error("<html><body/></html>")?.field == "Document")
        #expect(error("<Document/>")?.field == "Document")
    }

    /// An external entity is never read (no file contents in a bank line).
    @Test func externalEntitiesAreNotResolved() throws {
        let xml = minimal(entry: #"<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlNtryInf>&x;</AddtlNtryInf></Ntry>"#)
            .replacingOccurrences(of: "<Document", with: "<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n<Document")
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let file = try parse(xml)
            #expect(file.statements[0].lines[0].text.isEmpty || file.statements[0].lines[0].text != hostname)
        } catch { #expect(error.field == "xml") }
    }

    @Test func camt052IsRefused() throws {
        let failure = try #require(error("""
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"><BkToCstmrAcctRpt><GrpHdr><MsgId>R</MsgId></GrpHdr></BkToCstmrAcctRpt></Document>
        """))
        #expect(failure.message.contains("camt.052"))
    }

    @Test func statementWithoutAccount() throws {
        let failure = error("""
        <Document><BkToCstmrStmt><Stmt><Id>S</Id><Acct><Id/></Acct></Stmt></BkToCstmrStmt></Document>
        """)
        #expect(failure?.field == "Stmt/Acct/Id")
        #expect(error("<Document><BkToCstmrStmt><GrpHdr/></BkToCstmrStmt></Document>")?.field == "Stmt")
    }
}

/// A large file (e.g. 50 MB): `CAMT_LARGE_FILE=/path/to/file.xml swift test -c release --filter largeFile`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["CAMT_LARGE_FILE"] != nil))
func largeFile() throws {
    let path = try #require(ProcessInfo.processInfo.environment["CAMT_LARGE_FILE"])
    let start = ContinuousClock.now
    let file = try CamtFile.parse(try Data(contentsOf: URL(fileURLWithPath: path)), fileName: path)
    let lines = file.statements.map(\.lines.count).reduce(0, +)
    print("parsed \(lines) lines of \(path) in \(ContinuousClock.now - start)")
    #expect(lines > 0)
}

@Test("Unstructured remittance pieces: from a writer that cuts at 140 characters, one of 140 runs on into the next as written; others are joined with a space")
func remittancePieces() throws {
    let full = String(repeating: "X", count: 128) + " RMR*IV*1047"
    #expect(full.count == 140)
    #expect(CamtFile.remittance([full, "55**28028.00"], cutAtLimit: true) == String(repeating: "X", count: 128) + " RMR*IV*104755**28028.00")
    #expect(CamtFile.remittance([full, "55**28028.00"], cutAtLimit: false) == full + " 55**28028.00", "a writer wrapping at words")
    #expect(CamtFile.remittance(["INV 104292", " 104300 "], cutAtLimit: true) == "INV 104292 104300")
    let endsInSpace = String(repeating: "Y", count: 139) + " "
    #expect(CamtFile.remittance([endsInSpace, "INV 1"], cutAtLimit: true) == String(repeating: "Y", count: 139) + " INV 1")
    #expect(CamtFile.remittance(["", "A", "  "], cutAtLimit: false) == "A")
    // The writer is known by its pieces: three or more continued, nearly all 140 long.
    let entry = { (pieces: [String], ref: String) in
        "<Ntry><Amt Ccy=\"CAD\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>\(ref)</AcctSvcrRef>"
            + "<NtryDtls><TxDtls><RmtInf>" + pieces.map { "<Ustrd>\($0)</Ustrd>" }.joined() + "</RmtInf></TxDtls></NtryDtls></Ntry>"
    }
    let statement = { (entries: [String]) in
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-11-20T10:00:00</CreDtTm></GrpHdr>"
            + "<Stmt><Id>S</Id><CreDtTm>2026-11-20T10:00:00</CreDtTm><Acct><Id><Othr><Id>1</Id></Othr></Id><Ccy>CAD</Ccy></Acct>"
            + entries.joined() + "</Stmt></BkToCstmrStmt></Document>"
    }
    let cut = try CamtFile.parse(Data(statement((1...3).map { entry([full, "55**1.00"], "R\($0)") }).utf8), fileName: "cut.xml")
    #expect(cut.statements[0].lines[0].text.hasSuffix("RMR*IV*104755**1.00"))
    let wrapped = try CamtFile.parse(Data(statement([entry([full, "55**1.00"], "R1")] + (2...4).map { entry(["INV 1", "2"], "R\($0)") }).utf8), fileName: "wrapped.xml")
    #expect(wrapped.statements[0].lines[0].text.hasSuffix("RMR*IV*1047 55**1.00"))
}
