import Foundation

/// The schema, as forward-only numbered migrations. A migration once shipped is never edited: a
/// change is a new migration. `{{ID}}` becomes each dialect's auto-numbered primary key.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]

    static let all: [Migration] = [foundation, customerReference, insertionOrders, invoicing, documents, cashApplication, matchKeys, receivableInFunctional,
                                   checkDigitTails, bankLineFingerprints, salesDiscounts, fingerprintsOfEarlierLines, salesDiscountsElsewhere,
                                   openCreditNotes, refunds]

    /// The schema version this build of o2c brings a database to.
    static var latest: Int { all.map(\.version).max() ?? 0 }

    static let foundation = Migration(version: 1, name: "foundation: entities, chart, journals, ledger, periods, audit", statements: [
        """
        CREATE TABLE entities (
            id {{ID}},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            functional_currency TEXT NOT NULL,
            country TEXT NOT NULL,
            region TEXT NOT NULL,
            fiscal_year_start_month BIGINT NOT NULL,
            time_zone TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE tax_registrations (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            kind TEXT NOT NULL,
            number TEXT NOT NULL,
            UNIQUE (entity_id, kind)
        )
        """,
        """
        CREATE TABLE number_series (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            code TEXT NOT NULL,
            prefix TEXT NOT NULL,
            width BIGINT NOT NULL,
            description TEXT NOT NULL,
            last_number BIGINT NOT NULL DEFAULT 0,
            UNIQUE (entity_id, code)
        )
        """,
        """
        CREATE TABLE accounts (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            role TEXT,
            currency TEXT,
            is_active BIGINT NOT NULL DEFAULT 1,
            UNIQUE (entity_id, code)
        )
        """,
        """
        CREATE TABLE customers (
            id {{ID}},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE journals (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            code TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (entity_id, code)
        )
        """,
        // One row per journal and fiscal year: the last number given. Incremented inside the
        // posting transaction, so a rolled-back posting gives its number back: no gaps.
        """
        CREATE TABLE entry_sequences (
            journal_id BIGINT NOT NULL REFERENCES journals(id),
            fiscal_year BIGINT NOT NULL,
            last_number BIGINT NOT NULL,
            PRIMARY KEY (journal_id, fiscal_year)
        )
        """,
        """
        CREATE TABLE journal_entries (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            journal_id BIGINT NOT NULL REFERENCES journals(id),
            fiscal_year BIGINT NOT NULL,
            sequence BIGINT NOT NULL,
            entry_date TEXT NOT NULL,
            period TEXT NOT NULL,
            description TEXT NOT NULL,
            reference TEXT,
            source TEXT NOT NULL,
            posted_at TEXT NOT NULL,
            posted_by TEXT NOT NULL,
            UNIQUE (journal_id, fiscal_year, sequence)
        )
        """,
        "CREATE INDEX journal_entries_by_date ON journal_entries (entity_id, entry_date)",
        // A reversal and the entry it cancels; each entry is reversed at most once.
        """
        CREATE TABLE entry_reversals (
            entry_id BIGINT PRIMARY KEY REFERENCES journal_entries(id),
            reverses_entry_id BIGINT NOT NULL UNIQUE REFERENCES journal_entries(id)
        )
        """,
        // Lines are kept in their entry's order, keyed by entry and line number (clustered on
        // SQLite): one tree to write per line, and an entry's lines side by side.
        """
        CREATE TABLE journal_lines (
            entry_id BIGINT NOT NULL REFERENCES journal_entries(id),
            line_no BIGINT NOT NULL,
            account_id BIGINT NOT NULL REFERENCES accounts(id),
            customer_id BIGINT REFERENCES customers(id),
            currency TEXT NOT NULL,
            debit BIGINT NOT NULL,
            credit BIGINT NOT NULL,
            functional_debit BIGINT NOT NULL,
            functional_credit BIGINT NOT NULL,
            rate TEXT,
            memo TEXT,
            PRIMARY KEY (entry_id, line_no),
            CHECK (debit >= 0 AND credit >= 0 AND functional_debit >= 0 AND functional_credit >= 0)
        ) {{WITHOUT_ROWID}}
        """,
        // Running totals per account, customer (0 = none), month and currency, kept in the same
        // transaction as the lines: reports read a few thousand rows instead of millions of lines.
        """
        CREATE TABLE ledger_balances (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            account_id BIGINT NOT NULL REFERENCES accounts(id),
            customer_id BIGINT NOT NULL,
            period TEXT NOT NULL,
            currency TEXT NOT NULL,
            debit BIGINT NOT NULL,
            credit BIGINT NOT NULL,
            functional_debit BIGINT NOT NULL,
            functional_credit BIGINT NOT NULL,
            PRIMARY KEY (entity_id, account_id, customer_id, period, currency)
        )
        """,
        """
        CREATE TABLE closed_periods (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            period TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL,
            PRIMARY KEY (entity_id, period)
        )
        """,
        """
        CREATE TABLE audit_log (
            id {{ID}},
            occurred_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            entity_id BIGINT REFERENCES entities(id),
            before_json TEXT,
            after_json TEXT
        )
        """,
        "CREATE INDEX audit_log_by_subject ON audit_log (subject_type, subject_id)",
    ])

    static let customerReference = Migration(version: 2, name: "customer reference data: address, terms, tax, delivery, contacts, aliases, bank accounts", statements: [
        "ALTER TABLE customers ADD COLUMN display_name TEXT",
        "ALTER TABLE customers ADD COLUMN kind TEXT NOT NULL DEFAULT 'advertiser'",
        "ALTER TABLE customers ADD COLUMN parent_code TEXT",
        "ALTER TABLE customers ADD COLUMN currency TEXT",
        "ALTER TABLE customers ADD COLUMN payment_terms TEXT",
        "ALTER TABLE customers ADD COLUMN language TEXT",
        "ALTER TABLE customers ADD COLUMN address_line1 TEXT",
        "ALTER TABLE customers ADD COLUMN address_line2 TEXT",
        "ALTER TABLE customers ADD COLUMN city TEXT",
        "ALTER TABLE customers ADD COLUMN region TEXT",
        "ALTER TABLE customers ADD COLUMN postal_code TEXT",
        "ALTER TABLE customers ADD COLUMN country TEXT",
        "ALTER TABLE customers ADD COLUMN tax_status TEXT NOT NULL DEFAULT 'taxable'",
        "ALTER TABLE customers ADD COLUMN gst_hst_number TEXT",
        "ALTER TABLE customers ADD COLUMN qst_number TEXT",
        "ALTER TABLE customers ADD COLUMN exemption_number TEXT",
        "ALTER TABLE customers ADD COLUMN delivery_email TEXT",
        "ALTER TABLE customers ADD COLUMN delivery_portal TEXT",
        "ALTER TABLE customers ADD COLUMN po_required BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE customers ADD COLUMN credit_limit_minor BIGINT",
        "ALTER TABLE customers ADD COLUMN credit_hold BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE customers ADD COLUMN sales_owner TEXT",
        "ALTER TABLE customers ADD COLUMN account_manager TEXT",
        "ALTER TABLE customers ADD COLUMN updated_at TEXT",
        """
        CREATE TABLE customer_contacts (
            id {{ID}},
            customer_id BIGINT NOT NULL REFERENCES customers(id),
            role TEXT NOT NULL,
            name TEXT,
            email TEXT NOT NULL,
            phone TEXT,
            is_primary BIGINT NOT NULL,
            position BIGINT NOT NULL
        )
        """,
        "CREATE INDEX customer_contacts_by_customer ON customer_contacts (customer_id)",
        // The names a customer pays under, as written and normalised for matching.
        """
        CREATE TABLE customer_payer_aliases (
            customer_id BIGINT NOT NULL REFERENCES customers(id),
            alias TEXT NOT NULL,
            normalized TEXT NOT NULL,
            position BIGINT NOT NULL,
            PRIMARY KEY (customer_id, alias)
        )
        """,
        "CREATE INDEX customer_payer_aliases_by_name ON customer_payer_aliases (normalized)",
        // A bank account pays for one customer.
        """
        CREATE TABLE customer_bank_accounts (
            customer_id BIGINT NOT NULL REFERENCES customers(id),
            account_number TEXT NOT NULL UNIQUE,
            position BIGINT NOT NULL
        )
        """,
    ])

    static let insertionOrders = Migration(version: 3, name: "insertion orders: revisions, lines, signatures, documents, policy, users", statements: [
        // People and what they may do (an approver grants policy exceptions and approves IOs).
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            roles TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE policy_settings (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (entity_id, name)
        )
        """,
        // Signed documents, kept whole with their SHA-256.
        """
        CREATE TABLE documents (
            id {{ID}},
            sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            size BIGINT NOT NULL,
            content {{BLOB}} NOT NULL,
            stored_at TEXT NOT NULL,
            stored_by TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE insertion_orders (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            number TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (entity_id, number)
        )
        """,
        // Each revision keeps its own terms and lines; a signed revision is never updated.
        """
        CREATE TABLE io_revisions (
            id {{ID}},
            io_id BIGINT NOT NULL REFERENCES insertion_orders(id),
            revision BIGINT NOT NULL,
            advertiser_id BIGINT NOT NULL REFERENCES customers(id),
            agency_id BIGINT REFERENCES customers(id),
            bill_to_id BIGINT NOT NULL REFERENCES customers(id),
            currency TEXT NOT NULL,
            payment_terms TEXT NOT NULL,
            po_number TEXT,
            sales_owner TEXT,
            notes TEXT,
            signer_name TEXT,
            signer_title TEXT,
            signed_on TEXT,
            document_id BIGINT REFERENCES documents(id),
            created_at TEXT NOT NULL,
            UNIQUE (io_id, revision)
        )
        """,
        """
        CREATE TABLE io_lines (
            revision_id BIGINT NOT NULL REFERENCES io_revisions(id),
            line_no BIGINT NOT NULL,
            product TEXT NOT NULL,
            pricing TEXT NOT NULL,
            flight_start TEXT NOT NULL,
            flight_end TEXT NOT NULL,
            booked_quantity BIGINT NOT NULL,
            unit_rate TEXT NOT NULL,
            budget_cap_minor BIGINT,
            billing_source TEXT NOT NULL,
            tolerance TEXT NOT NULL,
            PRIMARY KEY (revision_id, line_no),
            CHECK (booked_quantity > 0 AND flight_end >= flight_start)
        )
        """,
        """
        CREATE TABLE io_exceptions (
            id {{ID}},
            io_id BIGINT NOT NULL REFERENCES insertion_orders(id),
            revision BIGINT NOT NULL,
            rule TEXT NOT NULL,
            reason TEXT NOT NULL,
            granted_by TEXT NOT NULL,
            granted_at TEXT NOT NULL,
            UNIQUE (io_id, revision, rule)
        )
        """,
    ])

    static let invoicing = Migration(version: 4, name: "invoicing: deliveries, tax table, exchange rates, invoices, holds", statements: [
        // Delivered units per IO line and day (`YYYY-MM-DD`) or month (`YYYY-MM`).
        """
        CREATE TABLE deliveries (
            io_id BIGINT NOT NULL REFERENCES insertion_orders(id),
            line_no BIGINT NOT NULL,
            day TEXT NOT NULL,
            first_party BIGINT,
            third_party BIGINT,
            source TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (io_id, line_no, day),
            CHECK (first_party >= 0 AND third_party >= 0)
        )
        """,
        """
        CREATE TABLE tax_rules (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            code TEXT NOT NULL,
            country TEXT NOT NULL,
            region TEXT,
            rate TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            account_role TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE exchange_rates (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            currency TEXT NOT NULL,
            rate_date TEXT NOT NULL,
            rate TEXT NOT NULL,
            PRIMARY KEY (entity_id, currency, rate_date)
        )
        """,
        """
        CREATE TABLE invoices (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            series TEXT NOT NULL,
            number TEXT,
            io_id BIGINT REFERENCES insertion_orders(id),
            io_revision BIGINT,
            bill_to_id BIGINT NOT NULL REFERENCES customers(id),
            period TEXT NOT NULL,
            currency TEXT NOT NULL,
            payment_terms TEXT NOT NULL,
            po_number TEXT,
            issue_date TEXT,
            due_date TEXT,
            net_minor BIGINT NOT NULL,
            tax_minor BIGINT NOT NULL,
            total_minor BIGINT NOT NULL,
            credits_invoice_id BIGINT REFERENCES invoices(id),
            reason TEXT,
            entry_id BIGINT REFERENCES journal_entries(id),
            created_at TEXT NOT NULL,
            issued_at TEXT,
            issued_by TEXT,
            UNIQUE (entity_id, series, number)
        )
        """,
        "CREATE INDEX invoices_by_period ON invoices (entity_id, period, status)",
        """
        CREATE TABLE invoice_lines (
            invoice_id BIGINT NOT NULL REFERENCES invoices(id),
            line_no BIGINT NOT NULL,
            io_id BIGINT REFERENCES insertion_orders(id),
            io_revision BIGINT,
            io_line_no BIGINT,
            description TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            unit_rate TEXT NOT NULL,
            amount_minor BIGINT NOT NULL,
            over_delivered BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (invoice_id, line_no)
        )
        """,
        """
        CREATE TABLE invoice_taxes (
            invoice_id BIGINT NOT NULL REFERENCES invoices(id),
            code TEXT NOT NULL,
            rate TEXT NOT NULL,
            base_minor BIGINT NOT NULL,
            amount_minor BIGINT NOT NULL,
            account_role TEXT NOT NULL,
            PRIMARY KEY (invoice_id, code)
        )
        """,
        // Lines held for review in a period, and the figure a person chose to release them.
        """
        CREATE TABLE billing_holds (
            io_id BIGINT NOT NULL REFERENCES insertion_orders(id),
            line_no BIGINT NOT NULL,
            period TEXT NOT NULL,
            reason TEXT NOT NULL,
            released_figure TEXT,
            released_by TEXT,
            released_at TEXT,
            PRIMARY KEY (io_id, line_no, period)
        )
        """,
    ])

    static let documents = Migration(version: 5, name: "documents: seller profiles, bank accounts, make-goods", statements: [
        // What an entity prints about itself on invoices: legal name and address, contacts.
        """
        CREATE TABLE entity_profiles (
            entity_id BIGINT PRIMARY KEY REFERENCES entities(id),
            legal_name TEXT NOT NULL,
            line1 TEXT NOT NULL,
            line2 TEXT,
            city TEXT NOT NULL,
            region TEXT NOT NULL,
            postal_code TEXT NOT NULL,
            country TEXT NOT NULL,
            email TEXT,
            phone TEXT,
            updated_at TEXT NOT NULL
        )
        """,
        // The entity's bank accounts: the ledger account a statement posts to, and what an
        // invoice prints for payment by transfer. `number` is the account as bank files write it.
        """
        CREATE TABLE bank_accounts (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            number TEXT NOT NULL UNIQUE,
            currency TEXT NOT NULL,
            account_id BIGINT NOT NULL REFERENCES accounts(id),
            bank_name TEXT NOT NULL,
            holder TEXT NOT NULL,
            routing TEXT,
            bic TEXT,
            on_invoices BIGINT NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )
        """,
        // Under-delivery found when a line's flight ended: owed to the customer until settled
        // (delivered later, credited, or waived).
        """
        CREATE TABLE make_goods (
            id {{ID}},
            io_id BIGINT NOT NULL REFERENCES insertion_orders(id),
            line_no BIGINT NOT NULL,
            period TEXT NOT NULL,
            units BIGINT NOT NULL,
            amount_minor BIGINT NOT NULL,
            currency TEXT NOT NULL,
            status TEXT NOT NULL,
            settlement TEXT,
            reference TEXT,
            note TEXT,
            settled_by TEXT,
            settled_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (io_id, line_no),
            CHECK (units >= 0 AND amount_minor >= 0)
        )
        """,
    ])

    static let cashApplication = Migration(version: 6, name: "cash application: bank statements and lines, allocations, lettering", statements: [
        // Entities created before this version get the account receipts wait in until matched.
        """
        INSERT INTO accounts (entity_id, code, name, type, role, currency, is_active)
        SELECT e.id, '2160', 'Unidentified receipts', 'liability', 'unidentifiedReceipts', NULL, 1 FROM entities e
        WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.entity_id = e.id AND (a.code = '2160' OR a.role = 'unidentifiedReceipts'))
        """,
        // One imported statement (a file may hold several accounts' statements).
        """
        CREATE TABLE bank_statements (
            id {{ID}},
            bank_account_id BIGINT NOT NULL REFERENCES bank_accounts(id),
            statement_ref TEXT,
            statement_date TEXT,
            format TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            opening_minor BIGINT,
            closing_minor BIGINT,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL
        )
        """,
        // Every movement the bank reported, kept whatever it is. `reference` is the bank's own
        // (or a fingerprint when it gives none): the same line imported again is recognised.
        // A customer credit carries the cash-receipt entry that brought it into the books.
        """
        CREATE TABLE bank_lines (
            id {{ID}},
            bank_account_id BIGINT NOT NULL REFERENCES bank_accounts(id),
            statement_id BIGINT NOT NULL REFERENCES bank_statements(id),
            reference TEXT NOT NULL,
            customer_reference TEXT,
            direction TEXT NOT NULL,
            amount_minor BIGINT NOT NULL,
            currency TEXT NOT NULL,
            booking_date TEXT NOT NULL,
            value_date TEXT,
            type_code TEXT,
            is_reversal BIGINT NOT NULL,
            payer_name TEXT,
            payer_account TEXT,
            structured_refs TEXT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            customer_id BIGINT REFERENCES customers(id),
            confidence BIGINT,
            explanation TEXT,
            proposal TEXT,
            deduction_minor BIGINT,
            receipt_entry_id BIGINT REFERENCES journal_entries(id),
            match_entry_id BIGINT REFERENCES journal_entries(id),
            source_line BIGINT NOT NULL,
            UNIQUE (bank_account_id, reference),
            CHECK (amount_minor > 0)
        )
        """,
        "CREATE INDEX bank_lines_by_status ON bank_lines (bank_account_id, status)",
        // What a payment, a credit note or a write-off settles on an invoice, or leaves on the
        // customer's account (`invoice_id` NULL: unapplied), or gives to the bank (a fee). An
        // allocation is never changed: undoing it writes its reversal (`reverses_id`).
        """
        CREATE TABLE allocations (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            customer_id BIGINT REFERENCES customers(id),
            bank_line_id BIGINT REFERENCES bank_lines(id),
            invoice_id BIGINT REFERENCES invoices(id),
            source_invoice_id BIGINT REFERENCES invoices(id),
            kind TEXT NOT NULL,
            amount_minor BIGINT NOT NULL,
            currency TEXT NOT NULL,
            entry_id BIGINT REFERENCES journal_entries(id),
            reverses_id BIGINT UNIQUE REFERENCES allocations(id),
            method TEXT NOT NULL,
            confidence BIGINT,
            explanation TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX allocations_by_invoice ON allocations (invoice_id)",
        "CREATE INDEX allocations_by_line ON allocations (bank_line_id)",
        // How each bank's CSV exports read, saved under a name (JSON of the mapping).
        """
        CREATE TABLE bank_csv_mappings (
            name TEXT PRIMARY KEY,
            spec TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        // Items of a customer account that settle each other share a lettering code (AA, AB, …).
        """
        CREATE TABLE letterings (
            id {{ID}},
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            customer_id BIGINT NOT NULL REFERENCES customers(id),
            code TEXT NOT NULL,
            lettered_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            removed_at TEXT,
            removed_by TEXT
        )
        """,
        """
        CREATE TABLE lettering_items (
            lettering_id BIGINT NOT NULL REFERENCES letterings(id),
            item_kind TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            PRIMARY KEY (lettering_id, item_kind, item_id)
        )
        """,
    ])

    func sql(for flavor: SQLFlavor) -> [String] {
        let id = switch flavor {
        case .sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT"
        case .postgres: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        }
        return statements.map {
            $0.replacingOccurrences(of: "{{ID}}", with: id)
                .replacingOccurrences(of: "{{WITHOUT_ROWID}}", with: flavor == .sqlite ? "WITHOUT ROWID" : "")
                .replacingOccurrences(of: "{{BLOB}}", with: flavor == .sqlite ? "BLOB" : "BYTEA")
        }
    }

    static let matchKeys = Migration(version: 7, name: "match keys: invoices found by the digits of their numbers, balances by index", statements: [
        // The keys an invoice number is found by in remittance text (`CashMatcher.matchKeys`):
        // all its digits, its last group without zeros, its groups without zeros. Filled when an
        // invoice is numbered or, for older rows, before a match run; a cash application looks
        // up only the invoices its bank lines can name instead of reading every open one.
        "ALTER TABLE invoices ADD COLUMN match_digits TEXT",
        "ALTER TABLE invoices ADD COLUMN match_tail TEXT",
        "ALTER TABLE invoices ADD COLUMN match_groups TEXT",
        "CREATE INDEX invoices_by_match_digits ON invoices (entity_id, match_digits)",
        "CREATE INDEX invoices_by_match_tail ON invoices (entity_id, match_tail)",
        "CREATE INDEX invoices_by_match_groups ON invoices (entity_id, match_groups)",
        "CREATE INDEX invoices_without_match_keys ON invoices (entity_id) WHERE match_digits IS NULL AND number IS NOT NULL",
        // An invoice's balance is read per invoice: what credit notes took back, and a payer's
        // invoices.
        "CREATE INDEX invoices_by_credited ON invoices (credits_invoice_id) WHERE credits_invoice_id IS NOT NULL",
        "CREATE INDEX invoices_by_bill_to ON invoices (bill_to_id, status)",
        // A match run books one cash-application entry per day and currency for all its lines:
        // an allocation names the lines of that entry that are its bank line's, so un-allocating
        // one bank line reverses those lines only.
        "ALTER TABLE allocations ADD COLUMN entry_first_line BIGINT",
        "ALTER TABLE allocations ADD COLUMN entry_last_line BIGINT",
    ])

    static let checkDigitTails = Migration(version: 9, name: "match keys again: a number's check digit or revision is not its tail", statements: [
        // The keys are recomputed from the numbers by the next match run (`fillMatchKeys`).
        "UPDATE invoices SET match_digits = NULL, match_tail = NULL, match_groups = NULL WHERE match_digits IS NOT NULL",
    ])

    static let receivableInFunctional = Migration(version: 8, name: "what a foreign-currency invoice still holds on the receivable in the functional currency", statements: [
        // The line of its entry that booked an invoice's (or a credit note's) receivable, and
        // what each allocation took off the receivable in the functional currency: the last
        // payment of an invoice paid in parts relieves exactly what is left of it, so no cent of
        // exchange difference stays on a settled invoice.
        "ALTER TABLE invoices ADD COLUMN receivable_line BIGINT",
        "ALTER TABLE allocations ADD COLUMN functional_minor BIGINT",
        // Issued invoices book their receivable on their entry's first line, credit notes on its last.
        "UPDATE invoices SET receivable_line = 1 WHERE kind = 'invoice' AND series <> 'OPEN' AND entry_id IS NOT NULL",
        """
        UPDATE invoices SET receivable_line = (SELECT MAX(r.line_no) FROM journal_lines r WHERE r.entry_id = invoices.entry_id)
        WHERE kind = 'credit-note' AND entry_id IS NOT NULL
        """,
        // Open items from a previous system: one line each, in the order they were stored, in
        // the entry of their currency; kept only where the line names the invoice.
        """
        UPDATE invoices SET receivable_line = o.n
        FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY entry_id ORDER BY id) AS n FROM invoices WHERE series = 'OPEN' AND entry_id IS NOT NULL) AS o
        WHERE invoices.id = o.id
          AND EXISTS (SELECT 1 FROM journal_lines r WHERE r.entry_id = invoices.entry_id AND r.line_no = o.n AND r.memo = invoices.number)
        """,
    ])

    static let bankLineFingerprints = Migration(version: 10, name: "bank lines known by what every format gives alike, besides the bank's reference", statements: [
        // Direction, amount and day: the same line in a file with no bank references (or of
        // another format) is recognised by it. Lines stored before get theirs in version 12.
        "ALTER TABLE bank_lines ADD COLUMN fingerprint TEXT",
        "CREATE INDEX bank_lines_by_fingerprint ON bank_lines (bank_account_id, fingerprint)",
    ])

    static let salesDiscounts = Migration(version: 11, name: "prompt-payment discounts: the account they are booked to", statements: [
        // Entities created before this version get the account (contra revenue).
        """
        INSERT INTO accounts (entity_id, code, name, type, role, currency, is_active)
        SELECT e.id, '4950', 'Sales discounts', 'revenue', 'salesDiscounts', NULL, 1 FROM entities e
        WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.entity_id = e.id AND (a.code = '4950' OR a.role = 'salesDiscounts'))
        """,
    ])

    static let fingerprintsOfEarlierLines = Migration(version: 12, name: "bank lines stored before fingerprints get theirs", statements: [
        // `fp-20261120-C-123456`, as an import writes it, so that a file imported before is
        // recognised when it comes again.
        """
        UPDATE bank_lines SET fingerprint = 'fp-' || REPLACE(booking_date, '-', '') || '-' || CASE direction WHEN 'credit' THEN 'C' ELSE 'D' END
                                            || '-' || CAST(amount_minor AS TEXT)
        WHERE fingerprint IS NULL
        """,
    ])

    static let salesDiscountsElsewhere = Migration(version: 13, name: "sales discounts for entities whose 4950 was already another account",
                                                   // Version 11 skipped them, and a discount had nowhere to go: the first free
                                                   // code from 4951 to 4959 (all taken: `o2c accounts add CODE … --role salesDiscounts`).
                                                   statements: (4951...4959).map { code in
        """
        INSERT INTO accounts (entity_id, code, name, type, role, currency, is_active)
        SELECT e.id, '\(code)', 'Sales discounts', 'revenue', 'salesDiscounts', NULL, 1 FROM entities e
        WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.entity_id = e.id AND (a.code = '\(code)' OR a.role = 'salesDiscounts'))
        """
    })

    static let openCreditNotes = Migration(version: 14, name: "open credit notes of no invoice, read by every match run", statements: [
        // Credit notes carried over from a previous system credit no invoice of ours: a match run
        // reads all of them (few beside the invoices), whatever number a remittance writes them by.
        "CREATE INDEX invoices_open_credit_notes ON invoices (entity_id) WHERE kind = 'credit-note' AND credits_invoice_id IS NULL",
    ])

    static let refunds = Migration(version: 15, name: "refunds: a debit of the statement pays back cash a payment left on a customer's account", statements: [
        // The refund's row on the debit line names the line whose cash it paid back (the credit
        // notes it pays back are its invoice): lettering joins the two, an undo finds both.
        "ALTER TABLE allocations ADD COLUMN source_bank_line_id BIGINT REFERENCES bank_lines(id)",
        "CREATE INDEX allocations_by_source_line ON allocations (source_bank_line_id) WHERE source_bank_line_id IS NOT NULL",
    ])
}
