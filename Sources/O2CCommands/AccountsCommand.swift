import ArgumentParser
import Foundation
import O2CDomain
import O2CStore
import O2CFormats
import O2CUseCases

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "The chart of accounts: list, add, rename, close or reopen accounts.",
        subcommands: [List.self, Add.self, Rename.self, Close.self, Reopen.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the entity's accounts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Row: Codable { var code: String, name: String, type: String, role: String?, currency: String?, active: Bool }

        static func table(_ accounts: [Account]) -> String {
            var table = TextTable([("Account", .left), ("Name", .left), ("Type", .left), ("Role", .left), ("Currency", .left), ("Status", .left)])
            for a in accounts {
                table.add([a.code, a.name, a.type.rawValue, a.role?.rawValue ?? "", a.currency?.code ?? "any", a.isActive ? "open" : "closed"])
            }
            return table.render()
        }

        func run() async throws {
            try await global.withBooks { books in
                let accounts = try await books.accounts(entity: global.entity)
                switch output.format {
                case .table: Console.current.out(Self.table(accounts))
                case .json:
                    Console.current.out(JSONOutput.encode(accounts.map {
                        Row(code: $0.code, name: $0.name, type: $0.type.rawValue, role: $0.role?.rawValue, currency: $0.currency?.code, active: $0.isActive)
                    }))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["code", "name", "type", "role", "currency", "active"], rows: accounts.map {
                        [$0.code, $0.name, $0.type.rawValue, $0.role?.rawValue ?? "", $0.currency?.code ?? "", $0.isActive ? "true" : "false"]
                    }))
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account to the chart.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account number, e.g. 4010.") var code: String
        @Option(help: "Account name.") var name: String
        @Option(help: "asset, liability, equity, revenue or expense.") var type: String
        @Option(help: "What the account is for (e.g. bank, revenue, receivable); see docs/ledger.md.") var role: String?
        @Option(help: "Restrict the account to one currency (bank accounts).") var currency: String?

        func run() async throws {
            guard let accountType = AccountType(rawValue: type.lowercased()) else {
                throw DomainError(field: "--type", "'\(type)' is not an account type (asset, liability, equity, revenue, expense)")
            }
            let accountRole = try role.map { text throws(DomainError) -> AccountRole in
                guard let r = AccountRole(rawValue: text) else {
                    throw DomainError(field: "--role", "'\(text)' is not a role (\(AccountRole.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return r
            }
            let accountCurrency = try currency.map { text throws(DomainError) in try parseOption("--currency") { () throws(DomainError) in try Currency(code: text) } }
            let account = try Account(code: code, name: name, type: accountType, role: accountRole, currency: accountCurrency)
            try await global.withBooks { books in
                try await books.addAccount(account, entity: global.entity)
                say("Added account \(account.code) \(account.name) (\(account.type.rawValue))")
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename an account (its history keeps its number).")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Argument var name: String

        func run() async throws {
            try await global.withBooks { books in
                let account = try await books.updateAccount(code, name: name, isActive: nil, entity: global.entity)
                say("Account \(account.code) is now named \(account.name)")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an account to new postings.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String

        func run() async throws {
            try await global.withBooks { books in
                let account = try await books.updateAccount(code, name: nil, isActive: false, entity: global.entity)
                say("Account \(account.code) \(account.name) is closed to postings")
            }
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed account to postings.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String

        func run() async throws {
            try await global.withBooks { books in
                let account = try await books.updateAccount(code, name: nil, isActive: true, entity: global.entity)
                say("Account \(account.code) \(account.name) is open to postings")
            }
        }
    }
}

