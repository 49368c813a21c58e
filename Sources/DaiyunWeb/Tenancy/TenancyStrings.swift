extension StringTable {
    /// The strings of home, clients and stores.
    static let tenancy = StringTable(
        "tenancy",
        [
            // Home, clients, stores
            "clients": ("客户（品牌）", "Clients (brands)"),
            "stores": ("店铺", "Stores"),
            "client": ("客户", "Client"),
            "shipping_promise_hours": ("付款后 %d 小时内发货", "Ships within %d hours of payment"),
            "shipping_promise_hint": (
                "按渠道承诺的发货时效填写（一般 48 小时）；超过即在工作台计为超时未发。",
                "The shipping time promised on the channel (usually 48 hours); later counts as overdue on the workbench."
            ),
            "store": ("店铺", "Store"),
            "store_count": ("店铺数", "Stores"),
            "no_stores": ("没有可见的店铺。", "No stores to show."),
            "new_client": ("新建客户", "New client"),
            "edit_client": ("编辑客户", "Edit client"),
            "new_store": ("新开店铺", "Open a store"),
            "edit_store": ("编辑店铺", "Edit store"),
            "hint_shop_id": ("渠道后台中的店铺编号，如天猫店铺的店铺 ID。", "The shop number in the channel's back office, such as Tmall's shop_id."),
            "hint_brand_viewer_client": ("仅品牌方账号需要选择。", "Brand viewers only."),
            "store_team": ("店铺团队", "Store team"),
            "no_team": ("尚未分配员工。", "No staff assigned yet."),
            "store_details": ("店铺信息", "Store details"),
        ])
}
