import Foundation
import Testing
@testable import O2CCommands

/// What one run of `o2c` printed and returned.
struct CLIResult {
    let status: Int32
    let out: String
    let err: String
}

/// Runs `o2c` in-process with its output captured.
func o2c(_ arguments: String...) async -> CLIResult {
    await o2c(arguments)
}

func o2c(_ arguments: [String]) async -> CLIResult {
    let console = Console(capturing: true)
    let status = await Console.$current.withValue(console) { await O2CCLI.run(arguments) }
    return CLIResult(status: status, out: console.standardOutput, err: console.standardError)
}

/// A scratch folder for one test.
func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Runs a program found on PATH (or at a path); nil when it is not installed.
func runProgram(_ name: String, _ arguments: [String], environment: [String: String]? = nil, in folder: URL? = nil) throws -> CLIResult? {
    let path: String
    if name.hasPrefix("/") {
        path = name
    } else {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let found = dirs.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        path = found
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
}

/// The built `o2c` executable, beside the test bundle.
var o2cExecutable: String {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !folder.path.hasSuffix("/debug") && !folder.path.hasSuffix("/release") && folder.path != "/" {
        folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("o2c").path
}

/// Parses a canonical decimal (`-1234.56`) to minor units of a 2-decimal currency.
func minorUnits(_ text: String) -> Int64 {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let negative = trimmed.hasPrefix("-")
    let body = negative ? String(trimmed.dropFirst()) : trimmed
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    // bean-query may print more decimals than the currency has: they must be zeros.
    while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
    precondition(fraction.count <= 2, "unexpected precision in \(text)")
    fraction += String(repeating: "0", count: 2 - fraction.count)
    let value = Int64(parts[0])! * 100 + Int64(fraction)!
    return negative ? -value : value
}
