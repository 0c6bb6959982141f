import CHaru
import Foundation
import O2CDomain

/// Lays an invoice or credit note out on US Letter pages with libharu. The output depends only on
/// the document (no creation date is written), so the same invoice always gives the same bytes.
public enum InvoicePDF {
    public struct RenderError: Error, CustomStringConvertible {
        public let code: UInt
        public var description: String { String(format: "libharu failed with error 0x%04X", code) }
    }

    public static func render(_ document: InvoiceDocument) throws(RenderError) -> Data {
        guard let pdf = HPDF_New(nil, nil) else { throw RenderError(code: 0) }
        defer { HPDF_Free(pdf) }
        HPDF_SetCompressionMode(pdf, UInt32(HPDF_COMP_ALL))
        let words = DocumentWording(document.language)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, winAnsi("\(words.title(document.kind)) \(document.number)"))
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, winAnsi(document.seller.name))
        HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, winAnsi("OrderToCash"))
        var canvas = Canvas(pdf: pdf, regular: HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding"),
                            bold: HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding"))
        Layout(document: document, words: words).draw(on: &canvas)
        guard HPDF_GetError(pdf) == HPDF_OK else { throw RenderError(code: UInt(HPDF_GetError(pdf))) }
        guard HPDF_SaveToStream(pdf) == HPDF_OK else { throw RenderError(code: UInt(HPDF_GetError(pdf))) }
        var size = HPDF_GetStreamSize(pdf)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard HPDF_ReadFromStream(pdf, &bytes, &size) == HPDF_OK || HPDF_GetError(pdf) == HPDF_STREAM_EOF else {
            throw RenderError(code: UInt(HPDF_GetError(pdf)))
        }
        return Data(bytes.prefix(Int(size)))
    }

    /// Text in Windows-1252, the encoding of the standard fonts: enough for English and French.
    /// Characters it lacks become their nearest equivalent, or `?`.
    static func winAnsi(_ text: String) -> [CChar] {
        let extra: [Unicode.Scalar: UInt8] = [
            "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
            "–": 0x96, "—": 0x97, "™": 0x99, "œ": 0x9C, "Œ": 0x8C, "Ÿ": 0x9F,
            "\u{202F}": 0xA0, "\u{2009}": 0x20, "·": 0xB7,
        ]
        var bytes: [CChar] = []
        for scalar in text.unicodeScalars {
            let byte: UInt8
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { byte = UInt8(scalar.value) }
            else { byte = extra[scalar] ?? 0x3F }
            bytes.append(CChar(bitPattern: byte))
        }
        return bytes + [0]
    }
}

/// The pages and the drawing primitives the layout needs.
struct Canvas {
    let pdf: HPDF_Doc
    let regular: HPDF_Font?
    let bold: HPDF_Font?
    var pages: [HPDF_Page] = []
    var page: HPDF_Page? { pages.last }

    static let width: Float = 612, height: Float = 792, margin: Float = 50

    init(pdf: HPDF_Doc, regular: HPDF_Font?, bold: HPDF_Font?) {
        self.pdf = pdf
        self.regular = regular
        self.bold = bold
    }

    mutating func newPage() {
        guard let page = HPDF_AddPage(pdf) else { return }
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_LETTER, HPDF_PAGE_PORTRAIT)
        pages.append(page)
    }

    func width(_ text: String, size: Float, bold: Bool = false) -> Float {
        guard let page else { return 0 }
        HPDF_Page_SetFontAndSize(page, bold ? self.bold : regular, size)
        return HPDF_Page_TextWidth(page, InvoicePDF.winAnsi(text))
    }

    enum Alignment { case left, right }

    func text(_ text: String, x: Float, y: Float, size: Float = 9, bold: Bool = false, gray: Float = 0, align: Alignment = .left, on target: HPDF_Page? = nil) {
        guard let page = target ?? page else { return }
        HPDF_Page_SetFontAndSize(page, bold ? self.bold : regular, size)
        let left = align == .left ? x : x - HPDF_Page_TextWidth(page, InvoicePDF.winAnsi(text))
        HPDF_Page_SetGrayFill(page, gray)
        HPDF_Page_BeginText(page)
        HPDF_Page_TextOut(page, left, y, InvoicePDF.winAnsi(text))
        HPDF_Page_EndText(page)
        HPDF_Page_SetGrayFill(page, 0)
    }

    func fill(x: Float, y: Float, width: Float, height: Float, gray: Float) {
        guard let page else { return }
        HPDF_Page_SetGrayFill(page, gray)
        HPDF_Page_Rectangle(page, x, y, width, height)
        HPDF_Page_Fill(page)
        HPDF_Page_SetGrayFill(page, 0)
    }

    func rule(y: Float, from x0: Float = margin, to x1: Float = width - margin, lineWidth: Float = 0.5, on target: HPDF_Page? = nil) {
        guard let page = target ?? page else { return }
        HPDF_Page_SetLineWidth(page, lineWidth)
        HPDF_Page_MoveTo(page, x0, y)
        HPDF_Page_LineTo(page, x1, y)
        HPDF_Page_Stroke(page)
    }

    /// Splits text into lines no wider than `width` at this size, breaking at spaces.
    func wrap(_ text: String, width: Float, size: Float, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && self.width(candidate, size: size, bold: bold) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

/// Where things go on the page.
struct Layout {
    let document: InvoiceDocument
    let words: DocumentWording

    // Columns of the lines table: description from the left margin, figures right-aligned.
    static let quantityRight: Float = 395, rateRight: Float = 480, amountRight: Float = Canvas.width - Canvas.margin
    static let descriptionWidth: Float = 260
    static let bottom: Float = 90

    func draw(on canvas: inout Canvas) {
        canvas.newPage()
        var y = header(on: canvas)
        y = tableHeader(on: canvas, y: y)
        let currency = document.currency
        for line in document.lines {
            let description = canvas.wrap(line.description, width: Self.descriptionWidth, size: 9, bold: true)
            let detail = canvas.wrap(line.detail, width: Self.descriptionWidth, size: 7.5)
            let needed = Float(description.count) * 11 + Float(detail.count) * 9.5 + 6
            if y - needed < Self.bottom + 110 && line.number != document.lines.last?.number || y - needed < Self.bottom {
                canvas.newPage()
                y = tableHeader(on: canvas, y: Canvas.height - Canvas.margin - 10)
            }
            let top = y
            for text in description { canvas.text(text, x: Canvas.margin + 4, y: y, bold: true); y -= 11 }
            for text in detail { canvas.text(text, x: Canvas.margin + 4, y: y, size: 7.5, gray: 0.35); y -= 9.5 }
            let rate = words.rate(line.unitRate, currency: currency) + words.ratePer(line.ratePer, unit: line.unit)
            canvas.text("\(words.count(line.quantity)) \(words.unit(line.unit))", x: Self.quantityRight, y: top, align: .right)
            canvas.text(rate, x: Self.rateRight, y: top, align: .right)
            canvas.text(words.amount(line.amount), x: Self.amountRight, y: top, align: .right)
            y -= 1
            canvas.rule(y: y, lineWidth: 0.2)
            y -= 12
        }
        if y < Self.bottom + 150 {
            canvas.newPage()
            y = Canvas.height - Canvas.margin - 10
        }
        y = totals(on: canvas, y: y - 8)
        payment(on: canvas, y: y - 18)
        footers(on: canvas)
    }

    /// Seller, title and references, buyer. Returns where the table starts.
    func header(on canvas: Canvas) -> Float {
        let seller = document.seller
        var y = Canvas.height - Canvas.margin - 8
        canvas.text(seller.name, x: Canvas.margin, y: y, size: 13, bold: true)
        y -= 15
        for line in addressLines(seller.address) + [seller.email, seller.phone].compactMap({ $0 }) {
            canvas.text(line, x: Canvas.margin, y: y); y -= 11
        }

        // The title and references, right-aligned opposite the seller.
        var right = Canvas.height - Canvas.margin - 12
        canvas.text(words.title(document.kind), x: Layout.amountRight, y: right, size: 18, bold: true, align: .right)
        right -= 22
        var references: [(String, String)] = [(words.number, document.number), (words.issueDate, words.date(document.issueDate))]
        if let due = document.dueDate, document.kind == .invoice { references.append((words.dueDate, words.date(due))) }
        references.append((words.period, words.period(document.period)))
        if let credited = document.creditedInvoice {
            references.append((words.credits, credited.number + (credited.date.map { " (\(words.date($0)))" } ?? "")))
        }
        if !document.ioNumbers.isEmpty { references.append((words.insertionOrder, document.ioNumbers.joined(separator: ", "))) }
        if let po = document.poNumber { references.append((words.purchaseOrder, po)) }
        references.append((words.customerCode, document.buyer.code))
        for (label, value) in references {
            canvas.text(label, x: 330, y: right, gray: 0.35)
            canvas.text(value, x: Layout.amountRight, y: right, bold: true, align: .right)
            right -= 12
        }

        y = min(y, right) - 14
        canvas.text(words.billTo.uppercased(), x: Canvas.margin, y: y, size: 7.5, bold: true, gray: 0.35)
        y -= 13
        let buyer = document.buyer
        canvas.text(buyer.name, x: Canvas.margin, y: y, size: 10, bold: true)
        y -= 12
        for line in addressLines(buyer.address) { canvas.text(line, x: Canvas.margin, y: y); y -= 11 }
        for registration in buyer.registrations {
            canvas.text("\(words.registration(registration.kind)) \(registration.number)", x: Canvas.margin, y: y, gray: 0.35); y -= 11
        }
        if let reason = document.reason {
            y -= 4
            for line in canvas.wrap("\(words.reason) : \(reason)".replacingOccurrences(of: " : ", with: words.language == .fr ? "\u{00A0}: " : ": "),
                                    width: Canvas.width - 2 * Canvas.margin, size: 9) {
                canvas.text(line, x: Canvas.margin, y: y); y -= 11
            }
        }
        return y - 14
    }

    func tableHeader(on canvas: Canvas, y: Float) -> Float {
        canvas.fill(x: Canvas.margin, y: y - 5, width: Canvas.width - 2 * Canvas.margin, height: 17, gray: 0.9)
        canvas.text(words.description, x: Canvas.margin + 4, y: y, bold: true)
        canvas.text(words.quantity, x: Self.quantityRight, y: y, bold: true, align: .right)
        canvas.text(words.rate, x: Self.rateRight, y: y, bold: true, align: .right)
        canvas.text("\(words.amount) (\(document.currency.code))", x: Self.amountRight, y: y, bold: true, align: .right)
        return y - 20
    }

    func totals(on canvas: Canvas, y start: Float) -> Float {
        var y = start
        let labelX: Float = 340
        canvas.text(words.subtotal, x: labelX, y: y)
        canvas.text(words.amount(document.net), x: Self.amountRight, y: y, align: .right)
        y -= 13
        for tax in document.taxes {
            canvas.text(words.taxLabel(tax), x: labelX, y: y)
            canvas.text(words.amount(tax.amount), x: Self.amountRight, y: y, align: .right)
            y -= 13
        }
        if document.taxes.isEmpty, let reason = words.noTax(document.buyerTaxStatus, exemption: document.exemptionNumber) {
            for line in canvas.wrap(reason, width: Self.amountRight - labelX - 40, size: 8) {
                canvas.text(line, x: labelX, y: y, size: 8)
                y -= 11
            }
            canvas.text(words.amount(.zero(document.currency)), x: Self.amountRight, y: y + 11, align: .right)
            y -= 2
        }
        canvas.rule(y: y + 8, from: labelX, lineWidth: 0.8)
        y -= 4
        canvas.text(document.kind == .invoice ? words.totalDue : words.totalCredited, x: labelX, y: y, size: 11, bold: true)
        canvas.text(words.amountWithCurrency(document.total), x: Self.amountRight, y: y, size: 11, bold: true, align: .right)
        return y - 8
    }

    func payment(on canvas: Canvas, y start: Float) {
        guard document.kind == .invoice else { return }
        var y = start
        canvas.text(words.paymentInstructions.uppercased(), x: Canvas.margin, y: y, size: 7.5, bold: true, gray: 0.35)
        y -= 13
        var lines = [words.paymentTerms(document.paymentTerms) + (document.dueDate.map { " — \(words.dueDate.lowercased()) \(words.date($0))" } ?? "")]
        for bank in document.payTo { lines += words.bank(bank) }
        lines.append(words.quote(number: document.number))
        for line in lines { canvas.text(line, x: Canvas.margin, y: y); y -= 11 }
    }

    /// Seller's registrations and page numbers on every page, drawn once the page count is known.
    func footers(on canvas: Canvas) {
        let registrations = document.seller.registrations.map { "\(words.registration($0.kind)) \($0.number)" }.joined(separator: "  ·  ")
        for (index, page) in canvas.pages.enumerated() {
            canvas.rule(y: 62, lineWidth: 0.3, on: page)
            if !registrations.isEmpty {
                canvas.text("\(document.seller.name)  ·  \(words.registrations): \(registrations)", x: Canvas.margin, y: 50, size: 7.5, gray: 0.35, on: page)
            }
            canvas.text("\(document.number)  ·  \(words.page) \(index + 1)/\(canvas.pages.count)", x: Self.amountRight, y: 38, size: 7.5, gray: 0.35, align: .right, on: page)
        }
    }

    func addressLines(_ address: PostalAddress) -> [String] {
        var lines = [address.line1]
        if let line2 = address.line2, !line2.isEmpty { lines.append(line2) }
        lines.append("\(address.city) \(address.region)  \(address.postalCode)")
        let country = switch (address.country, words.language) {
        case ("CA", .fr): "Canada"
        case ("CA", _): "Canada"
        case ("US", .fr): "États-Unis"
        case ("US", _): "United States"
        case ("FR", _): "France"
        default: address.country
        }
        lines.append(country)
        return lines
    }
}
