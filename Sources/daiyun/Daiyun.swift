import ArgumentParser

/// The `daiyun` command: the web app, migrations, the demo and the audit tools.
@main
struct Daiyun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daiyun",
        abstract: "Daiyun (代运): the e-commerce agency workspace and brand portal.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, ImportCommand.self, AuditCommand.self, BenchCommand.self,
            SandboxCommand.self, ConnectCommand.self, SyncCommand.self, RollupsCommand.self, ReportCommand.self, StatementCommand.self,
        ]
    )
}
