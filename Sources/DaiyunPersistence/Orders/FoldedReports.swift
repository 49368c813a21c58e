/// Reports of the same thing within one batch, folded into one per key in the order first seen:
/// a batch may carry an order (or refund) several times, and only the merge of them all is written.
func foldReports<Report>(_ reports: [Report], key: (Report) -> String, merge: (Report, Report) -> Report) -> [Report] {
    var folded: [String: Report] = [:]
    var order: [String] = []
    for report in reports {
        let k = key(report)
        if let kept = folded[k] { folded[k] = merge(kept, report) } else {
            folded[k] = report
            order.append(k)
        }
    }
    return order.map { folded[$0]! }
}
