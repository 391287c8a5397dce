import Testing
import DatasetIO
import TestSupport

@Suite("Dataset limits")
struct DatasetLimitsTests {
    @Test("A title over 1,000 characters is refused at its position; 1,000 is fine")
    func title() throws {
        for (length, refused) in [(1_000, false), (1_001, true)] {
            let yaml = TempDataset.yaml.replacingOccurrences(of: "title: Tiny", with: "title: " + String(repeating: "T", count: length))
            let ds = try TempDataset(yaml: yaml)
            defer { ds.remove() }
            do {
                _ = try DatasetLoader.load(ds.path)
                #expect(!refused)
            } catch {
                #expect(refused)
                #expect(error.diagnostics.map(\.description) == [
                    "\(ds.path)/dataset.yaml:2:8: the title has 1001 characters; keep it to 1000 and put the rest in 'description'"])
            }
        }
    }
}
