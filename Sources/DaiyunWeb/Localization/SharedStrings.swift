extension StringTable {
    /// The strings of the layout, navigation, errors, validation rules, field labels and domain values, given to every page.
    static let shared = StringTable(
        "shared",
        [
            // Layout and navigation
            "app_name": ("代运 Daiyun", "Daiyun"),
            "app_tagline": ("电商代运营工作台", "E-commerce agency workspace"),
            "nav_home": ("首页", "Home"),
            "nav_staff": ("员工与分配", "Staff"),
            "nav_audit": ("审计日志", "Audit log"),
            "nav_account": ("我的账户", "Account"),
            "sign_out": ("退出登录", "Sign out"),
            "lang_zh": ("中文", "中文"),
            "lang_en": ("English", "English"),
            "skip_to_content": ("跳到正文", "Skip to content"),
            "signed_in_as": ("当前用户", "Signed in as"),
            "read_only_notice": (
                "品牌方只读视图：所有数据可追溯，所有代运营操作记入可验证的审计日志。",
                "Brand read-only view: every figure is traceable and every agency action is in a verifiable audit log."
            ),
            "saved": ("已保存。", "Saved."),
            "save": ("保存", "Save"),
            "create": ("创建", "Create"),
            "remove": ("移除", "Remove"),
            "filter": ("筛选", "Filter"),
            "previous_page": ("上一页", "Previous"),
            "next_page": ("下一页", "Next"),

            // Sign-in
            "field_login": ("登录名", "Sign-in name"),
            "field_password": ("密码", "Password"),

            // Home, clients, stores
            "field_name": ("名称", "Name"),
            "field_industry": ("行业", "Industry"),
            "field_channel": ("渠道", "Channel"),
            "field_shop_id": ("渠道店铺 ID", "Channel shop id"),
            "field_status": ("状态", "Status"),
            "field_taken_over_on": ("接手日期", "Taken over on"),
            "field_display_name": ("姓名", "Display name"),
            "field_kind": ("账号类型", "Account kind"),
            "field_client_id": ("所属客户", "Client"),
            "field_role": ("角色", "Role"),
            "field_user_id": ("员工", "Staff member"),
            "field_store_id": ("店铺", "Store"),
            "field_language": ("语言", "Language"),
            "field_token_name": ("令牌名称", "Token name"),

            // Account and tokens
            "api_docs": ("API 文档（OpenAPI）", "API description (OpenAPI)"),

            // Orders
            "nav_orders": ("订单", "Orders"),

            // Stock and catalog
            "nav_stock": ("库存", "Stock"),
            "nav_catalog": ("商品", "Catalog"),
            "nav_imports": ("数据导入", "Imports"),
            "field_code": ("编码", "Code"),
            "field_sku_id": ("SKU", "SKU"),
            "field_warehouse_id": ("仓库", "Warehouse"),
            "field_quantity": ("数量", "Quantity"),
            "field_reason": ("原因", "Reason"),
            "field_outer_id": ("商家编码", "Merchant code"),
            "field_floor_price": ("最低价", "Floor price"),
            "field_list_price": ("售价", "List price"),
            "field_title": ("商品标题", "Title"),
            "field_barcode": ("条码", "Barcode"),
            "field_properties": ("销售属性", "Properties"),
            "field_cost": ("成本", "Cost"),
            "field_channel_item_id": ("渠道商品 ID（num_iid）", "Channel item id (num_iid)"),
            "field_channel_sku_id": ("渠道 SKU ID", "Channel SKU id"),

            // Errors
            "error_title": ("出错了", "Something went wrong"),
            "error_forbidden": ("您没有权限执行此操作。", "You may not do this."),
            "error_not_found": ("找不到该页面，或您无权查看。", "This page does not exist or you may not see it."),
            "error_csrf": ("表单已过期或并非来自本站，请刷新页面后重试。", "The form expired or did not come from this site. Reload the page and try again."),
            "error_internal": ("服务器出错，已记录。请稍后重试。", "Something went wrong on our side; it has been logged. Try again later."),
            "error_bad_request": ("请求无效。", "The request is not valid."),
            "error_duplicate": ("%@ 已被占用。", "%@ is already taken."),
            "error_invalid": ("%@：%@", "%@: %@"),
            "back_home": ("返回首页", "Back to home"),

            // Validation rules
            "rule_required": ("不能为空", "must not be empty"),
            "rule_too_long": ("最多 %d 个字符", "must be at most %d characters"),
            "rule_too_short": ("至少 %d 个字符", "must be at least %d characters"),
            "rule_one_of": ("必须是以下之一：%@", "must be one of %@"),
            "rule_day_format": ("日期格式应为 YYYY-MM-DD", "must be a day written YYYY-MM-DD"),
            "rule_identifier": ("只能包含英文字母、数字、- 和 _", "may hold ASCII letters, digits, '-' and '_' only"),
            "rule_login": ("须为 3–40 位英文字母、数字或 . _ - @", "must be 3–40 ASCII letters, digits or . _ - @"),
            "rule_letters_digits": ("须同时包含字母和数字", "must mix letters and digits"),
            "rule_viewer_client": ("品牌方账号必须选择所属客户", "a brand viewer needs the client they belong to"),
            "rule_only_viewers_client": ("只有品牌方账号属于客户", "only brand viewers belong to a client"),
            "rule_only_staff": ("只有员工账号可以分配到店铺", "only staff members are assigned to stores"),
            "rule_unknown": ("引用的对象不存在或不可见", "refers to nothing you can see"),
            "rule_money": ("金额格式应为元，最多两位小数，如 12.30", "must be an amount in yuan with at most two decimals, such as 12.30"),
            "rule_time": ("时间格式应为 YYYY-MM-DD HH:mm:ss", "must be a time written YYYY-MM-DD HH:mm:ss"),
            "rule_whole_number": ("必须是整数", "must be a whole number"),
            "rule_floor_above_list": ("不能高于售价", "must not be above the list price"),
            "rule_web_address": ("须为 http:// 或 https:// 开头的地址", "must be an http:// or https:// address"),
            "rule_between": ("须为 %d 到 %d 之间的整数", "must be a whole number from %d to %d"),
            "rule_amount_too_large": ("金额不能超过正负 10 亿元", "must be within ¥1,000,000,000.00 either way"),
            "rule_gateway_not_allowed": (
                "须为渠道的官方网关，或运维在 DAIYUN_ALLOWED_GATEWAYS 中允许的地址",
                "must be the channel's official gateway, or one the operator allows (DAIYUN_ALLOWED_GATEWAYS)"
            ),

            // Channel sync
            "field_channel_connection": ("渠道", "Channel"),
            "field_endpoint": ("网关地址", "Gateway address"),
            "field_app_key": ("App Key", "App key"),
            "field_app_secret": ("App Secret", "App secret"),
            "field_session": ("卖家授权 Session", "Seller session"),
            "field_sign_method": ("签名方式", "Sign method"),
            "field_sync_every_seconds": ("同步间隔", "Sync interval"),
            "field_connection": ("开放平台连接", "Open platform connection"),
            "field_company_code": ("快递公司", "Carrier"),
            "field_waybill": ("运单号", "Waybill number"),
            "field_oids": ("子订单", "Lines"),
            "field_order": ("订单状态", "Order status"),

            // Domain values
            "channel_tmall": ("天猫", "Tmall"),
            "channel_taobao": ("淘宝", "Taobao"),
            "channel_jd": ("京东", "JD"),
            "channel_douyin": ("抖店", "Douyin"),
            "channel_pdd": ("拼多多", "Pinduoduo"),
            "channel_xiaohongshu": ("小红书", "Xiaohongshu"),
            "status_onboarding": ("入驻中", "Onboarding"),
            "status_active": ("运营中", "Active"),
            "status_paused": ("暂停", "Paused"),
            "status_ended": ("已结束", "Ended"),
            "role_store_manager": ("店长/运营", "Store manager"),
            "role_designer": ("美工", "Designer"),
            "role_promoter": ("推广", "Promoter"),
            "role_cs_agent": ("客服", "CS agent"),
            "role_warehouse": ("库管", "Warehouse"),
            "kind_agency_admin": ("代运营管理员", "Agency admin"),
            "kind_staff": ("员工", "Staff"),
            "kind_brand_viewer": ("品牌方", "Brand viewer"),
        ])
}
