import Foundation
import O2CCommands

// NB: a thin shim; the commands live in O2CCommands so that tests can drive them.
exit(await O2CCLI.run(Array(CommandLine.arguments.dropFirst())))
