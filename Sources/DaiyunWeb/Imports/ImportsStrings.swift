extension StringTable {
    /// The strings of imports of export files.
    static let imports = StringTable(
        "imports",
        [
            // Imports
            // Why a file or a row is refused (`Message` keys from the file readers).
            "file_empty": ("文件是空的", "the file is empty"),
            "file_no_rows": ("文件没有数据行", "the file has no data rows"),
            "file_utf16": ("文件是 UTF-16 文本；请另存为 UTF-8 或 GB18030 编码的 CSV", "the file is UTF-16 text; save it as CSV in UTF-8 or GB18030"),
            "file_unpacked_too_large": (
                "工作簿解压后过大；请拆分文件或另存为 CSV", "the workbook is too large once unpacked; split it, or save it as CSV"
            ),
            "file_zip": (
                "文件是 ZIP 压缩包，不是 Excel 工作簿（.xlsx）；请另存为 .xlsx 或 CSV",
                "the file is a ZIP archive but not an Excel workbook (.xlsx); save it as .xlsx or CSV"
            ),
            "file_binary": (
                "文件是二进制文件（图片或程序），不是 CSV 文本或 Excel 工作簿", "the file is binary (an image or a program), not CSV text or an Excel workbook"
            ),
            "file_missing_columns": ("缺少列：%@；文件的表头有：%@", "missing column(s): %@; the header has: %@"),
            "row_unclosed_quote": (
                "本行的引号没有闭合：第 %@–%@ 行被读成了一行", "a quote opened on this row is never closed: lines %@–%@ were read as one row"
            ),
            "row_unreadable": ("无法读取本行：%@", "this row cannot be read: %@"),
            "row_cut_off": ("行尾的 %@ 字节无效（文件在一个字符中间被截断）", "invalid %@ bytes at the end of the row (the file is cut off inside a character)"),
            "row_few_columns": ("本行只有 %@ 列，比表头少", "the row has %@ columns, fewer than the header"),
            "row_nul": (
                "含有 NUL 字节：文件是二进制或 UTF-16，不是 UTF-8 或 GB18030 文本",
                "holds a NUL byte: the file is binary or UTF-16, not text in UTF-8 or GB18030"
            ),
            "row_bad_bytes": ("含有无效的 %@ 字节（字符被截断或损坏）", "invalid %@ bytes (a truncated or corrupted character)"),
            "row_empty": ("为空", "is empty"),
            "row_not_number": ("不是有效的编号：%@", "is not a valid number: %@"),
            "row_not_amount": ("不是以元为单位的金额：%@", "is not an amount in yuan: %@"),
            "row_not_time": ("时间格式应为 YYYY-MM-DD HH:mm:ss：%@", "is not a time written YYYY-MM-DD HH:mm:ss: %@"),
            "row_not_whole": ("不是非负整数：%@", "is not a whole number: %@"),
            "row_too_many": ("超过 %@：%@", "is more than %@: %@"),
            "row_not_day": ("不是日期：%@", "is not a day: %@"),
            "row_duplicate_day": ("日期 %@ 重复，首次出现在第 %@ 行", "day %@ twice, first on line %@"),
            "row_not_count": ("不是人数或次数：%@", "is not a count: %@"),
            "row_not_rate": ("不是比率（如 12.34%% 或 0.1234）：%@", "is not a rate: %@"),
            "row_not_score": ("不是 0 到 5 的评分：%@", "is not a score from 0 to 5: %@"),
            "row_not_duration": ("不是时长（秒，或 00:01:23）：%@", "is not a duration: %@"),
            "row_duplicate_order": ("订单 %@ 重复，首次出现在第 %@ 行", "duplicate order %@, first on line %@"),
            "row_unknown_status": ("未知的订单状态：%@", "unknown status: %@"),
            "row_paid_missing": ("为空，但订单状态是 %@", "is empty, but the order is %@"),
            "row_quantity_zero": ("至少为 1", "must be at least 1"),
            "row_line_too_large": ("单价 × 数量超过 10 亿元", "price × quantity is beyond ¥1,000,000,000.00"),
            "row_duplicate_sku": ("商家编码 %@ 重复，首次出现在第 %@ 行", "duplicate merchant code %@, first on line %@"),
            "row_order_not_imported": ("订单 %@ 尚未导入：请先导入订单报表", "order %@ is not imported yet: import the order report first"),
            "imports_not_allowed": (
                "你的角色不能导入数据：导入订单、退款和商品需要店长或代运营管理员。下面是你能看到的店铺的导入记录。",
                "Your role cannot import: importing orders, refunds and catalogs needs a store manager or an agency admin. Below are the imports of the stores you can see."
            ),
            "imports_title": ("数据导入", "Imports"),
            "imports_intro": (
                "导入千牛订单报表、宝贝报表、退款报表、生意参谋流量日报或商品表。支持 Excel（.xlsx）与 CSV（GB18030/GBK 或 UTF-8，含 BOM），按表头名称匹配列。重复导入同一文件不会改变任何数据。",
                "Import the 千牛 order report, line items, refunds, the 生意参谋 daily traffic or a catalog, as Excel (.xlsx) or CSV (GB18030/GBK or UTF-8, with or without BOM); columns are matched by header name. Importing the same file again changes nothing."
            ),
            "import_kind": ("文件类型", "File kind"),
            "import_kind_orders": ("订单报表", "Order report"),
            "import_kind_lines": ("宝贝报表（订单明细）", "Line items"),
            "import_kind_refunds": ("退款报表", "Refunds"),
            "import_kind_catalog": ("商品表", "Catalog"),
            "import_kind_traffic": ("生意参谋流量日报", "Store traffic (生意参谋 daily)"),
            "import_kind_ads": ("推广报表（直通车 / 引力魔方 / 万相台）", "Ad report (直通车 / 引力魔方 / 万相台)"),
            "row_not_ad_product": ("不是直通车、引力魔方或万相台：%@", "is not 直通车, 引力魔方 or 万相台: %@"),
            "row_not_attribution": ("不是归因模型（末次点击或多触点）：%@", "is not an attribution model (末次点击 or 多触点): %@"),
            "row_not_window": ("不是 1、3、7、15 或 30 天：%@", "is not 1, 3, 7, 15 or 30 days: %@"),
            "row_not_time_of_day": ("不是时刻（如 15:30）：%@", "is not a time of day such as 15:30: %@"),
            "row_duplicate_ad": ("与第 %@ 行是同一天、同一计划和细分", "the same day, campaign and breakdown as line %@"),
            "import_catalog_target": ("%@（商品表）", "%@ (catalog)"),
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
