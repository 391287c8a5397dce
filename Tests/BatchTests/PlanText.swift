@testable import Batch

/// A plan read from `text` as `plan.yaml`, every dataset it names known (as the datasets `a` and `b`).
func plan(_ text: String) throws(PlanError) -> BatchPlan {
    try BatchPlan.read(file: "plan.yaml", text: text) { _ in ["a", "b"] }
}
