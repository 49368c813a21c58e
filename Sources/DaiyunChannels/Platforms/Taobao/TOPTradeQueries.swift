import DaiyunCore
import Foundation

/// The trade and refund queries the sync and the channel interface send: every order type named,
/// the fields read, and the increment query of one window's page.
public enum TOPTradeQueries {
    /// Every order type, named: the API returns only a few default types when none are asked for.
    public static let tradeTypes =
        "fixed,auction,guarantee_trade,step,independent_simple_trade,independent_shop_trade,auto_delivery,ec,cod,game_equipment,shopex_trade,netcn_trade,external_trade,instant_trade,b2c_cod,hotel_trade,super_market_trade,super_market_cod_trade,taohua,waimai,o2o_offlinetrade,nopaid,eticket,tmall_i18n,insurance_plus,finance,pre_auth_type,lazada"
    public static let tradeFields =
        "tid,status,type,created,pay_time,modified,consign_time,end_time,payment,post_fee,total_fee,discount_fee,buyer_nick,buyer_open_uid,buyer_message,seller_memo,receiver_name,receiver_mobile,receiver_phone,receiver_state,receiver_city,receiver_district,receiver_town,receiver_address,step_trade_status,orders"
    public static let refundFields = "refund_id,tid,oid,status,refund_phase,refund_fee,reason,good_status,created,modified"

    /// One page of the trades modified in `[start, end]`, every type, every field the sync reads.
    public static func incrementRequest(from start: Date, to end: Date, page: Int, pageSize: Int) -> TOPRequest {
        TOPRequest(
            method: "taobao.trades.sold.increment.get",
            parameters: [
                "fields": tradeFields, "start_modified": ShanghaiTime.format(start), "end_modified": ShanghaiTime.format(end),
                "type": tradeTypes, "page_no": String(page), "page_size": String(pageSize),
            ])
    }
}
