extension StringTable {
    /// The strings of imports of export files.
    static let imports = StringTable(
        "imports",
        [
            // Imports
            "imports_not_allowed": (
                "你的角色不能导入数据：导入订单、退款和商品需要店长或代运营管理员。下面是你能看到的店铺的导入记录。",
                "Your role cannot import: importing orders, refunds and catalogs needs a store manager or an agency admin. Below are the imports of the stores you can see."
            ),
            "imports_title": ("数据导入", "Imports"),
            "imports_intro": (
                "导入千牛订单报表、宝贝报表、退款报表或商品表。支持 GB18030/GBK 与 UTF-8（含 BOM），按表头名称匹配列。重复导入同一文件不会改变任何数据。",
                "Import the 千牛 order report, line items, refunds or a catalog. GB18030/GBK and UTF-8 (with or without BOM); columns are matched by header name. Importing the same file again changes nothing."
            ),
            "import_kind": ("文件类型", "File kind"),
            "import_kind_orders": ("订单报表", "Order report"),
            "import_kind_lines": ("宝贝报表（订单明细）", "Line items"),
            "import_kind_refunds": ("退款报表", "Refunds"),
            "import_kind_catalog": ("商品表", "Catalog"),
            "import_target": ("导入到", "Import into"),
            "import_file": ("文件", "File"),
            "import_mode": ("遇到错误行", "Bad rows"),
            "import_mode_skip": ("跳过错误行，导入其余", "Skip them, import the rest"),
            "import_mode_all": ("全部不导入", "Import nothing"),
            "import_preview": ("预览", "Preview"),
            "import_confirm": ("确认导入", "Import"),
            "import_preview_title": ("导入预览", "Import preview"),
            "import_rows_read": ("读取行数", "Rows read"),
            "import_good_rows": ("有效行", "Good rows"),
            "import_errors": ("错误行", "Rows with errors"),
            "import_encoding": ("编码", "Encoding"),
            "import_history": ("导入记录", "Import history"),
            "import_inserted": ("新增", "Inserted"),
            "import_updated": ("更新", "Updated"),
            "import_unchanged": ("未变", "Unchanged"),
            "import_rejected": ("拒绝", "Rejected"),
            "import_outcome": ("结果", "Outcome"),
            "import_outcome_imported": ("已导入", "Imported"),
            "import_outcome_rejected": ("已拒绝", "Rejected"),
            "import_line": ("行", "Line"),
            "import_column": ("列", "Column"),
            "import_reason": ("原因", "Reason"),
            "import_no_history": ("还没有导入记录。", "Nothing imported yet."),
            "import_batch_title": ("导入结果", "Import result"),
            "import_no_errors": ("没有错误行。", "No bad rows."),
            "import_started": ("时间", "When"),
            "import_actor": ("操作人", "By"),
        ])
}
