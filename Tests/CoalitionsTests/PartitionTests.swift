import Testing
@testable import Coalitions

@Suite("Partition")
struct PartitionTests {
    @Test("Labels are canonical: numbered by each block's smallest node")
    func canonical() {
        let p = Partition(labels: [7, 3, 7, -1, 3])
        #expect(p.labels == [0, 1, 0, 2, 1])
        #expect(p.count == 3)
        #expect(p.blocks == [[0, 2], [1, 4], [3]])
        #expect(Partition(labels: [5, 5, 9]) == Partition(labels: [1, 1, 0]))
        #expect(Partition(labels: []).count == 0)
    }
}
