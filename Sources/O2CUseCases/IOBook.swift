import Crypto
import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// Why an IO is not ready to close, and the policy findings behind it.
public struct IOFindings: Sendable, Equatable {
    public let number: String
    public let status: IOStatus
    /// Every policy violation of the current revision, excepted or not.
    public let violations: [PolicyViolation]
    /// The violations no approver has accepted.
    public let openViolations: [PolicyViolation]
    public let signatureProblem: String?
    /// Everything that stands between the IO and its closing, in words.
    public let blockers: [String]
    public var isReadyToClose: Bool { blockers.isEmpty }
}

/// What an IO import did.
public struct IOImportSummary: Sendable, Equatable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
}

extension Books {
    /// The SHA-256 of a document, in lower-case hex.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Users and policy

    public func addUser(_ name: String, roles: [String]) async throws {
        let known: Set<String> = ["approver", "billing"]
        for role in roles where !known.contains(role) {
            throw DomainError(field: "--role", "unknown role '\(role)' (roles: approver, billing)")
        }
        try await store.write(actor: actor) { tx in try await tx.addUser(name, roles: roles) }
    }

    public func users() async throws -> [(name: String, roles: [String])] {
        try await store.read { tx in try await tx.users() }
    }

    public func policy(entity code: String?) async throws -> IOPolicy {
        try await store.read { tx in try await tx.policy(entityID: try await Self.resolveEntity(code, tx).id) }
    }

    public func setPolicy(_ name: String, to value: String, entity code: String?) async throws {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            try await tx.setPolicy(name, to: value, entityID: entity.id, entityCode: entity.entity.code, currency: entity.entity.functionalCurrency)
        }
    }

    /// How cash application decides for an entity (`o2c policy set cash.…`).
    public func matchPolicy(entity code: String?) async throws -> MatchPolicy {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await tx.matchPolicy(entityID: entity.id, currency: entity.entity.functionalCurrency)
        }
    }

    // MARK: Import and revise

    /// Creates IOs from a file, or replaces the terms of IOs still in draft, in one transaction;
    /// every problem is reported and then nothing is written.
    public func importIOs(_ data: Data, fileName: String, entity code: String?) async throws -> IOImportSummary {
        // Every problem is reported at once: those of the file's form and those found in the books.
        let (entries, fileErrors) = IOFile.parse(data, fileName: fileName)
        return try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let existing = try await tx.loadIOs(entityID: entity.id, numbers: entries.map(\.number))
            let customers = try await tx.customers(codes: Set(entries.flatMap { [$0.terms.advertiser, $0.terms.billTo] + ($0.terms.agency.map { [$0] } ?? []) }))
            var errors = fileErrors
            for entry in entries {
                for (field, code) in [("advertiser", entry.terms.advertiser), ("bill_to", entry.terms.billTo), ("agency", entry.terms.agency)] {
                    if let code, customers[code] == nil { errors.append(DomainError(field: field, "unknown customer '\(code)'", location: entry.location)) }
                }
                if let io = existing[entry.number], io.status != .draft {
                    errors.append(DomainError(field: "number", "\(entry.number) is \(io.status.rawValue): its terms change only by a new revision (`o2c io revise`)", location: entry.location))
                }
            }
            if !errors.isEmpty { throw FileErrors(errors.sorted { ($0.location ?? "").localizedStandardCompare($1.location ?? "") == .orderedAscending }) }
            var summary = IOImportSummary()
            for entry in entries {
                if let io = existing[entry.number] {
                    var terms = entry.terms
                    terms.revision = io.current.revision
                    if terms == io.current { summary.unchanged.append(entry.number); continue }
                    try await tx.replaceDraftRevision(io, with: entry.terms, entityID: entity.id)
                    summary.updated.append(entry.number)
                } else {
                    _ = try await tx.insertIO(number: entry.number, terms: entry.terms, entityID: entity.id)
                    summary.created.append(entry.number)
                }
            }
            return summary
        }
    }

    /// Amends a signed or active IO: a new draft revision, with new terms from a file or a copy of
    /// the current ones. The signed revision stays as it was signed.
    public func reviseIO(_ number: String, from data: Data?, fileName: String?, entity code: String?) async throws -> Int {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let io = try await Self.loadIO(number, entity: entity, tx)
            _ = try IOAction.revise.next(from: io.status, io: number)
            var terms = io.current
            if let data, let fileName {
                let entries = try IOFile.read(data, fileName: fileName)
                guard let entry = entries.first(where: { $0.number == number }), entries.count == 1 else {
                    throw DomainError(field: "FILE", "the file must hold exactly IO \(number)", location: fileName)
                }
                terms = entry.terms
            }
            terms.revision = io.current.revision + 1
            terms.signature = nil
            try await tx.insertRevision(terms, ioID: io.id)
            try await tx.setIOStatus(io, to: .draft, action: "revise", entityID: entity.id, note: "revision \(terms.revision) opened")
            return terms.revision
        }
    }

    static func loadIO(_ number: String, entity: EntityRecord, _ tx: Transaction) async throws -> StoredIO {
        guard let io = try await tx.loadIOs(entityID: entity.id, numbers: [number])[number] else {
            throw DomainError(field: "io", "no IO \(number) in \(entity.entity.code)")
        }
        return io
    }

    // MARK: Findings

    /// The policy findings and closing blockers of one IO.
    /// `allIOs`: the entity's IOs when the caller has them already (a check of every IO), to
    /// count the signed backlog without reading them again.
    static func findings(for io: StoredIO, entity: EntityRecord, allIOs: [StoredIO]? = nil, _ tx: Transaction) async throws -> IOFindings {
        let terms = io.current
        let customers = try await tx.loadCustomers(codes: [terms.billTo])
        var violations: [PolicyViolation] = []
        if let billTo = customers[terms.billTo]?.customer {
            let policy = try await tx.policy(entityID: entity.id)
            let ios = if let allIOs { allIOs } else { Array(try await tx.loadIOs(entityID: entity.id).values) }
            let committed = signedIOs(of: terms.billTo, currency: terms.currency, excluding: io.number, in: ios)
            var invoiced: [Int64: Int64] = [:]
            for (key, billed) in try await tx.invoicedToDate(ioIDs: committed.map(\.id)) {
                invoiced[Int64(key.split(separator: "/")[0])!, default: 0] += billed.amount
            }
            // What is already invoiced is in the open receivables; the backlog is the rest.
            let backlog = committed.reduce(Money.zero(terms.currency)) { $0 + $1.current.total - Money(minorUnits: invoiced[$1.id] ?? 0, currency: terms.currency) }
            let exposure = try await tx.openReceivable(customer: terms.billTo, currency: terms.currency, entityID: entity.id) + backlog
            violations = policy.violations(of: terms, billTo: billTo, exposure: exposure)
        }
        let excepted = Set(io.exceptions.filter { $0.revision == terms.revision }.map(\.rule))
        let open = violations.filter { !excepted.contains($0.rule) }
        let signatureProblem = try await signatureProblem(of: io, tx)
        var blockers: [String] = []
        switch io.status {
        case .draft: blockers.append("draft: not submitted")
        case .submitted: blockers.append("submitted: awaiting approval")
        case .approved: blockers.append("approved: awaiting signature")
        case .signed, .active, .completed, .cancelled: break
        }
        if io.status != .cancelled && io.status != .completed {
            blockers += open.map { "\($0.rule.rawValue): \($0.reason)" + ($0.rule.allowsException ? " (needs an approver's exception)" : "") }
            if [.signed, .active].contains(io.status), let problem = signatureProblem { blockers.append(problem) }
        }
        return IOFindings(number: io.number, status: io.status, violations: violations, openViolations: open,
                          signatureProblem: signatureProblem, blockers: blockers)
    }

    /// Why the current revision's signature is not valid, or nil when it is: present, and the
    /// stored document still hashes to the SHA-256 recorded when it was signed.
    static func signatureProblem(of io: StoredIO, _ tx: Transaction) async throws -> String? {
        let terms = io.current
        guard let signature = terms.signature, let documentID = io.documentIDs[terms.revision] else {
            return "revision \(terms.revision) is not signed"
        }
        guard let document = try await tx.document(documentID) else { return "the signed document of revision \(terms.revision) is missing" }
        let actual = sha256(document.content)
        guard actual == signature.documentSHA256, actual == document.sha256 else {
            return "the signed document of revision \(terms.revision) has changed: SHA-256 \(actual) instead of \(signature.documentSHA256)"
        }
        return nil
    }

    /// The signed or active IOs that commit a bill-to customer in a currency, apart from one IO.
    static func signedIOs(of billTo: String, currency: Currency, excluding number: String, in ios: [StoredIO]) -> [StoredIO] {
        ios.filter { $0.number != number && [.signed, .active].contains($0.status) && $0.current.billTo == billTo && $0.current.currency == currency }
    }

    public func ioFindings(_ number: String, entity code: String?) async throws -> (StoredIO, IOFindings, [AuditRecord]) {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let io = try await Self.loadIO(number, entity: entity, tx)
            return (io, try await Self.findings(for: io, entity: entity, tx),
                    try await tx.auditTrail(subjectType: "io", subjectID: number, limit: 10_000))
        }
    }

    /// Every IO not yet closed (neither completed nor cancelled) that is not ready to close, and why.
    public func ioCheck(entity code: String?) async throws -> [IOFindings] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            var result: [IOFindings] = []
            let all = try await tx.loadIOs(entityID: entity.id).values.sorted(by: { $0.number < $1.number })
            for io in all where io.status != .completed && io.status != .cancelled {
                let findings = try await Self.findings(for: io, entity: entity, allIOs: all, tx)
                if !findings.isReadyToClose { result.append(findings) }
            }
            return result
        }
    }

    public func ios(entity code: String?) async throws -> [StoredIO] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await tx.loadIOs(entityID: entity.id).values.sorted { $0.number < $1.number }
        }
    }

    // MARK: Lifecycle

    /// Submits a draft: the IO must be complete, and policy breaches that cannot be excused
    /// (wrong currency, missing PO, incomplete bill-to) are fixed first. Breaches an approver may
    /// excuse are reported and wait for approval.
    public func submitIO(_ number: String, entity code: String?) async throws -> IOFindings {
        try await transition(number, .submit, entity: code) { io, findings in
            let blocking = findings.openViolations.filter { !$0.rule.allowsException }
            if !blocking.isEmpty {
                throw DomainError(field: "policy", "cannot submit \(number): " + blocking.map { "\($0.rule.rawValue): \($0.reason)" }.joined(separator: "; "))
            }
        }
    }

    /// Approves a submitted IO. Only an approver may, and only when every breach of policy has an
    /// approver's documented exception.
    public func approveIO(_ number: String, entity code: String?) async throws -> IOFindings {
        try await requireApprover("approve \(number)")
        return try await transition(number, .approve, entity: code) { io, findings in
            if !findings.openViolations.isEmpty {
                throw DomainError(field: "policy", "cannot approve \(number): " + findings.openViolations.map {
                    "\($0.rule.rawValue): \($0.reason)" + ($0.rule.allowsException ? " (grant an exception with `o2c io exception \(number) --rule \($0.rule.rawValue) --reason …`)" : "")
                }.joined(separator: "; "))
            }
        }
    }

    /// An approver accepts a breach of one rule for the current revision, saying why.
    public func grantException(_ number: String, rule: PolicyRule, reason: String, entity code: String?) async throws {
        try await requireApprover("grant a policy exception")
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "an exception is documented: say why") }
        guard rule.allowsException else {
            throw DomainError(field: "--rule", "\(rule.rawValue) cannot be excused: fix the IO or the customer's data instead")
        }
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let io = try await Self.loadIO(number, entity: entity, tx)
            guard [.draft, .submitted].contains(io.status) else {
                throw DomainError(field: "status", "\(number) is \(io.status.rawValue): exceptions are granted before approval")
            }
            let findings = try await Self.findings(for: io, entity: entity, tx)
            guard findings.openViolations.contains(where: { $0.rule == rule }) else {
                throw DomainError(field: "--rule", "\(number) does not breach \(rule.rawValue): no exception is needed")
            }
            try await tx.insertException(PolicyException(rule: rule, revision: io.current.revision, reason: reason, grantedBy: actor, grantedAt: tx.timestamp),
                                         io: io, entityID: entity.id)
        }
    }

    /// Signs the current revision of an approved IO with the signed document, kept with its SHA-256.
    public func signIO(_ number: String, signer: String, title: String, on date: BusinessDate, document path: String, entity code: String?) async throws -> Signature {
        guard signer.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--signer", "a signature names its signer") }
        guard title.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--title", "a signature gives the signer's title") }
        let content: Data
        do { content = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DomainError(field: "--document", "cannot read the signed document '\(path)': \((error as NSError).localizedDescription)")
        }
        guard !content.isEmpty else { throw DomainError(field: "--document", "'\(path)' is empty") }
        let hash = Self.sha256(content)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let signature = Signature(signerName: signer, signerTitle: title, signedOn: date, documentName: name, documentSHA256: hash)
        _ = try await transition(number, .sign, entity: code) { _, _ in
        } write: { tx, io, entity in
            let documentID = try await tx.storeDocument(content, fileName: name, sha256: hash)
            try await tx.signRevision(io, signature: signature, documentID: documentID, entityID: entity.id)
        }
        return signature
    }

    /// Activates a signed IO, or completes an active one: both need a valid signature of the
    /// current revision.
    public func activateIO(_ number: String, entity code: String?) async throws -> IOFindings {
        try await transition(number, .activate, entity: code) { io, findings in
            if let problem = findings.signatureProblem { throw DomainError(field: "signature", "cannot activate \(number): \(problem)") }
        }
    }

    public func completeIO(_ number: String, entity code: String?) async throws -> IOFindings {
        try await transition(number, .complete, entity: code) { io, findings in
            if let problem = findings.signatureProblem { throw DomainError(field: "signature", "cannot complete \(number): \(problem)") }
        }
    }

    public func cancelIO(_ number: String, reason: String, entity code: String?) async throws -> IOFindings {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why the IO is cancelled") }
        return try await transition(number, .cancel, entity: code, note: reason) { _, _ in }
    }

    private func requireApprover(_ what: String) async throws {
        let roles = try await store.read { tx in try await tx.roles(of: actor) }
        guard roles?.contains("approver") == true else {
            throw DomainError(field: "--user", "\(actor) may not \(what): it takes the approver role (`o2c users add NAME --role approver`)")
        }
    }

    /// One lifecycle step, in one transaction: the status allows it, `check` passes, the status moves.
    private func transition(_ number: String, _ action: IOAction, entity code: String?, note: String? = nil,
                            check: (StoredIO, IOFindings) throws -> Void,
                            write: ((Transaction, StoredIO, EntityRecord) async throws -> Void)? = nil) async throws -> IOFindings {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let io = try await Self.loadIO(number, entity: entity, tx)
            let next = try action.next(from: io.status, io: number)
            let findings = try await Self.findings(for: io, entity: entity, tx)
            try check(io, findings)
            try await write?(tx, io, entity)
            try await tx.setIOStatus(io, to: next, action: action.rawValue, entityID: entity.id, note: note)
            return try await Self.findings(for: try await Self.loadIO(number, entity: entity, tx), entity: entity, tx)
        }
    }
}
