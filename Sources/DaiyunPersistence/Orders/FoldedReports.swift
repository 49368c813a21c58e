/// Reports of the same thing within one batch, folded into one per key in the order first seen:
/// a batch may carry an order (or refund) several times, and only the merge of them all is written.
func foldReports<Report>(_ reports: [Report], key: (Report) -> String, merge: (Report, Report) -> Report) -> [Report] {
    var folded: [Report] = []
    folded.reserveCapacity(reports.count)
    var position: [String: Int] = [:]
    position.reserveCapacity(reports.count)
    for report in reports {
        let k = key(report)
        // One hash lookup for a key first seen (nearly every report); a repeated key puts its first position back.
        if let first = position.updateValue(folded.count, forKey: k) {
            position[k] = first
            folded[first] = merge(folded[first], report)
        } else {
            folded.append(report)
        }
    }
    return folded
}
