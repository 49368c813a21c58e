import DaiyunCore
import Foundation

/// A file of waybills for batch shipping, as a warehouse's printing software or a spreadsheet
/// writes it: one row per order, read by header name (`订单编号` and `运单号` or `物流单号`); a
/// carrier column, if any, is the form's choice to check by eye, not read.
public enum WaybillFile {
    /// One order and its waybill.
    public struct Row: Sendable, Equatable {
        public var tid: String
        public var waybill: String
    }

    static let required = [["订单编号", "订单号"], ["运单号", "物流单号", "快递单号"]]

    /// The file's rows; a row without an order number or a waybill is an error on its line.
    public static func parse(_ data: Data) throws -> ParsedFile<Row> {
        let table = try ExportTable(data)
        try table.require(required)
        let tid = table.column("订单编号", "订单号")
        let waybill = table.column("运单号", "物流单号", "快递单号")
        return table.parse { row in Row(tid: try row.number(tid), waybill: try row.required(waybill)) }
    }
}
