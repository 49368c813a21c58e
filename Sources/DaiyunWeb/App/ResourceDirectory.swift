import Foundation

/// Finds the folder that holds `Resources/` and `Public/`, so that `daiyun` runs from any folder.
enum ResourceDirectory {
    /// `home` (`DAIYUN_HOME`) if set, else the working directory if it has the templates, else the
    /// package root this binary was built from.
    static func locate(home: String?) -> String {
        let fileManager = FileManager.default
        if let home, !home.isEmpty {
            return home.hasSuffix("/") ? home : home + "/"
        }
        let cwd = fileManager.currentDirectoryPath
        if fileManager.fileExists(atPath: cwd + "/Resources/Views/app/layout.leaf") {
            return cwd + "/"
        }
        // Sources/DaiyunWeb/App/ResourceDirectory.swift → four levels up is the package root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/"
    }
}
