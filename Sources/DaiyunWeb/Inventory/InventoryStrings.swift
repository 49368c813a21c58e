extension StringTable {
    /// The strings of the stock pool, warehouses and movements.
    static let inventory = StringTable(
        "inventory",
        [
            // Stock and catalog
            "stock_title": ("库存", "Stock"),
            "stock_intro": (
                "一个客户的所有渠道共享一个库存池：可售 = 在库 − 已锁定 − 该渠道安全库存。",
                "All channels of a client share one stock pool: available = on hand − reserved − the channel's safety stock."
            ),
            "stock_on_hand": ("在库", "On hand"),
            "stock_reserved_qty": ("已锁定", "Reserved"),
            "stock_counted_at": ("上次盘点", "Last counted"),
            "stock_available": ("可售", "Available"),
            "stock_safety": ("安全库存", "Safety stock"),
            "stock_warning": ("预警库存", "Low-stock warning"),
            "stock_warning_hint": (
                "可用库存（在库 − 已锁定）降到预警值或以下，或按近 14 天销量不足 7 天可售，即在工作台提示补货。",
                "When available stock (on hand − reserved) falls to this level or below, or lasts under 7 days at the last 14 days' pace, the workbench asks for a restock."
            ),
            "stock_low": ("库存低", "Low"),
            "stock_order": ("订单", "order"),
            "movement_reason_paid": ("订单付款，锁定库存", "Order paid: stock reserved"),
            "movement_reason_closed": ("订单关闭，释放库存", "Order closed: stock released"),
            "movement_reason_shipped": ("订单发货出库", "Order shipped"),
            "movement_reason_shipped_unreserved": ("订单发货出库（此前未锁定）", "Order shipped (not reserved before)"),
            "stock_change": ("库存变动", "Change stock"),
            "stock_kind": ("类型", "Kind"),
            "stock_kind_receipt": ("入库", "Receipt"),
            "stock_kind_adjustment": ("调整（±）", "Adjustment (±)"),
            "stock_kind_stocktake": ("盘点（实盘数）", "Stock-take (counted)"),
            "stock_kind_reserve": ("订单锁定", "Reserved for order"),
            "stock_kind_release": ("订单释放", "Released"),
            "stock_kind_deduct": ("发货出库", "Shipped"),
            "stock_reason": ("原因", "Reason"),
            "stock_movements": ("库存流水", "Movements"),
            "stock_no_skus": ("还没有商品。先导入商品表。", "No SKUs yet. Import a catalog first."),
            "warehouses": ("仓库", "Warehouses"),
            "new_warehouse": ("新建仓库", "New warehouse"),
        ])
}
