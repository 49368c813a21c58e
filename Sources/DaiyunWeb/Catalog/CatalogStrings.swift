extension StringTable {
    /// The strings of products, SKUs and listings.
    static let catalog = StringTable(
        "catalog",
        [
            // Stock and catalog
            "catalog_title": ("商品", "Catalog"),
            "catalog_search": ("搜索标题或商家编码", "Search title or merchant code"),
            "catalog_export": ("导出商品表", "Export catalog"),
            "catalog_cost": ("成本", "Cost"),
            "catalog_barcode": ("条码", "Barcode"),
            "catalog_category": ("类目", "Category"),
            "catalog_listings": ("渠道链接", "Listings"),
            "catalog_edit_sku": ("编辑 SKU", "Edit SKU"),
            "catalog_add_listing": ("添加渠道链接", "Add a listing"),
        ])
}
