import Foundation
import Publishing
import Testing

@Suite struct ArticleReaderTests {
    /// A folder as a user hands it to ingest-producer: nested outlets, files to leave out, a symbolic link.
    @Test func aFolderIsListedSortedWithSizesAndOutletsFromItsFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = [
            "wire/b.txt": "Second wire story.",
            "wire/a.JSON": #"{"title":"One","body":"First."}"#,
            "bayline/2026/03/story.html": "<p>Harbour</p>",
            ".hidden.txt": "not published",
            "README.md": "about this folder",
            "notes.pdf": "%PDF",
        ]
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(
            atPath: root + "/link.txt",
            withDestinationPath: root + "/wire/b.txt"
        )

        let reader = ArticleReader(outletOverride: nil)
        let (listed, skipped) = try reader.expand([root + "/"])
        #expect(
            listed.map(\.path) == [
                root + "/bayline/2026/03/story.html", root + "/wire/a.JSON", root + "/wire/b.txt",
            ]
        )
        #expect(listed.map(\.size) == listed.map { files[String($0.path.dropFirst(root.count + 1))]!.utf8.count })
        #expect(listed.map(\.format) == ["html", "json", "txt"])
        #expect(listed.map(reader.defaultOutlet(of:)) == ["03", "wire", "wire"])
        #expect(skipped == [root + "/notes.pdf"])
        #expect(try listed.flatMap(reader.read(file:)).map(\.contentType) == [.html, .json, .text])
        #expect(ArticleReader(outletOverride: "Desk").defaultOutlet(of: listed[0]) == "Desk")

        // A file named on the command line is read whatever its extension; its outlet is its folder's name, also
        // for a relative path.
        let single = try reader.expand([root + "/notes.pdf"]).files
        #expect(single == [InputFile(path: root + "/notes.pdf", size: 4)])
        let relative = InputFile(path: "../x/./story.txt", size: 0)
        #expect(reader.defaultOutlet(of: relative) == "x")
        let workingFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent
        #expect(InputFile(path: "story.txt", size: 0).folderName == workingFolder)
        #expect(InputFile(path: "/story", size: 0).format == "")
        #expect(InputFile(path: "/a.b/.profile", size: 0).format == "")

        #expect(throws: (any Error).self) { try reader.expand([root + "/missing"]) }
    }
}
