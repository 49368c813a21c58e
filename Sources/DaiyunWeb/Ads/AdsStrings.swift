extension StringTable {
    /// The strings of the ads page, its report rows and its targets.
    static let ads = StringTable(
        "ads",
        [
            "ads_title": ("%@ · 推广", "%@ · Ads"),
            "ads_link": ("推广", "Ads"),
            "ads_rows_link": ("报表明细", "Report rows"),
            "ads_rows_behind": ("看明细", "See the rows"),
            "ads_attribution_line": (
                "投产比按 %@ 归因计算（店铺目标 %@）；关键词和人群的细分行不计入合计。",
                "ROI counted under %@ (store target %@); keyword and crowd rows are breakdowns and not added to the totals."
            ),
            "ads_judged_line": (
                "建议按最近 %@ 天（%@ 至 %@）判断；点击或花费不足以判断时不给建议。",
                "Suggestions judge the last %@ days (%@ to %@); none is given where clicks or spend are too few to judge."
            ),
            "ads_target": ("目标投产比", "Target ROI"),
            "ads_suggestions": ("优化建议", "Suggestions"),
            "ads_no_suggestions": (
                "暂无建议：各计划和关键词都在目标附近，或数据还不够判断。",
                "No suggestions: campaigns and keywords are near target, or there is not enough data to judge."
            ),
            "ad_action_pause": ("暂停", "Pause"),
            "ad_action_lower_bid": ("降低出价", "Lower the bid"),
            "ad_action_raise_budget": ("提高日限额", "Raise the budget"),
            "ad_reason_pause": ("近 %@ 天花费 %@、点击 %@ 次，没有成交", "%@ days: %@ spent on %@ clicks without an order"),
            "ad_reason_lower_bid": (
                "近 %@ 天投产比 %@，目标 %@（点击 %@ 次，花费 %@）；平均点击花费 %@ 建议降到 %@",
                "%@ days: ROI %@ against a target of %@ (%@ clicks, %@ spent); the click cost %@ lowered to %@"
            ),
            "ad_reason_lower_crowd_bid": (
                "近 %@ 天投产比 %@，目标 %@（点击 %@ 次，花费 %@）；人群出价或溢价建议下调 %@，平均点击花费 %@ 约降到 %@",
                "%@ days: ROI %@ against a target of %@ (%@ clicks, %@ spent); the crowd's bid or premium cut by %@, the click cost %@ to about %@"
            ),
            "ad_reason_raise_budget": (
                "投产比 %@ 高于目标 %@，近 %@ 天中有 %@ 天在 18:00 前撞线（平均 %@）；日限额 %@ 建议提高到 %@",
                "ROI %@ above the target of %@, and the budget ran out before 18:00 on %@ of %@ days (at %@ on average); the day budget %@ raised to %@"
            ),
            "ads_table_campaigns": ("计划", "Campaigns"),
            "ads_table_keywords": ("关键词", "Keywords"),
            "ads_table_crowds": ("人群", "Crowds"),
            "ads_table_suggestions": ("优化建议", "Suggestions"),
            "ads_table_empty": ("本期没有报表行", "No report rows in this period"),
            "ads_keyword": ("关键词", "Keyword"),
            "ads_crowd": ("人群", "Crowd"),
            "ads_crowd_named": ("人群：%@", "Crowd: %@"),
            "ads_unit": ("单元", "Unit"),
            "ads_creative": ("创意", "Creative"),
            "ads_breakdown": ("细分", "Breakdown"),
            "ads_campaign_id": ("计划ID", "Campaign ID"),
            "ads_action": ("建议", "Action"),
            "ads_suggested": ("建议值", "Suggested"),
            "ads_reason": ("依据", "Reason"),
            "ads_budget": ("日限额", "Day budget"),
            "ads_exhausted": ("撞线时间", "Budget out at"),
            "ads_targets": ("投产比目标", "ROI targets"),
            "ads_targets_intro": (
                "店铺目标及其归因用于本页、看板和告警；计划留空则沿用店铺目标。",
                "The store's target and its attribution count on this page, the dashboard and the alerts; a campaign left empty follows the store's."
            ),
            "ads_store_target": ("店铺目标投产比", "Store target ROI"),
            "ads_window": ("转化周期", "Window"),
            "ads_window_days": ("%@ 天", "%@ days"),
            "ads_save": ("保存", "Save"),
            "ads_rows_title": ("%@ · 推广报表明细", "%@ · Ad report rows"),
            "ads_rows_line": (
                "%@ 至 %@，计划 %@ 的所有报表行（每种归因、每个细分分开）", "%@ to %@, every row of campaign %@ (each attribution and breakdown apart)"
            ),
            "ads_rows_line_all": ("%@ 至 %@，所有计划的报表行", "%@ to %@, every campaign's rows"),
            "ads_rows_truncated": (
                "只显示最近的 1,000 行，请缩短周期或选择计划。", "Only the latest 1,000 rows are shown; shorten the period or pick a campaign."
            ),
        ])
}
