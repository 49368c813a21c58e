import Crypto
import DaiyunChannels
import DaiyunCore
import DaiyunCrypto
import Foundation
import Testing

/// The worked examples of protocols.md §1.2–4 (TOP and Douyin), and for JD and Pinduoduo vectors
/// computed with Python's hashlib from the documented algorithm.
@Suite("Channel request signing")
struct SigningTests {
    static let topParameters = [
        "app_key": "12345678", "fields": "num_iid,title,nick,price,num", "format": "json", "method": "taobao.item.seller.get",
        "num_iid": "11223344", "session": "test", "timestamp": "2016-01-01 12:00:00", "v": "2.0",
    ]

    @Test(
        "TOP md5, hmac and hmac-sha256 match the worked example",
        arguments: [
            (TOPSignMethod.md5, "66987CB115214E59E6EC978214934FB8"),
            (.hmac, "D56D7858309C31B6251083A874D48273"),
            (.hmacSHA256, "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8"),
        ])
    func top(method: TOPSignMethod, expected: String) {
        var parameters = Self.topParameters
        parameters["sign_method"] = method.rawValue
        #expect(method.sign(parameters, secret: "helloworld") == expected)
        parameters["sign"] = "ignored"
        parameters["empty"] = ""
        #expect(method.sign(parameters, secret: "helloworld") == expected, "sign and empty values are not signed")
        parameters["num_iid"] = "11223345"
        #expect(method.sign(parameters, secret: "helloworld") != expected)
    }

    @Test("TOP sorts keys in byte order: the documentation's foo/bar example")
    func topOrder() {
        let signed = TOPSignMethod.md5.sign(["foo": "1", "bar": "2", "foo_bar": "3", "foobar": "4"], secret: "s")
        #expect(signed == TOPSignMethod.md5.sign(["foobar": "4", "foo_bar": "3", "bar": "2", "foo": "1"], secret: "s"))
        #expect(signed == md5Upper("s" + "bar2foo1foo_bar3foobar4" + "s"))
    }

    @Test("a TOP request carries the system parameters and a signature over all of them")
    func topRequest() throws {
        let credentials = TOPCredentials(appKey: "12345678", appSecret: "helloworld", session: "test", signMethod: .md5)
        let request = TOPRequest(
            method: "taobao.item.seller.get", parameters: ["fields": "num_iid,title,nick,price,num", "num_iid": "11223344"])
        let sent = request.signedParameters(with: credentials, at: ShanghaiTime.parse("2016-01-01 12:00:00")!)
        #expect(sent["timestamp"] == "2016-01-01 12:00:00", "GMT+8")
        #expect(sent["v"] == "2.0" && sent["format"] == "json" && sent["sign_method"] == "md5")
        #expect(sent["sign"] == "66987CB115214E59E6EC978214934FB8")
        #expect(request.responseKey == "item_seller_get_response")
        let form = FormEncoding.encode(sent)
        #expect(form.contains("timestamp=2016-01-01%2012%3A00%3A00") && form.contains("fields=num_iid%2Ctitle%2Cnick%2Cprice%2Cnum"))
        #expect(FormEncoding.decode(form) == sent)
    }

    @Test("JD signs the system parameters and 360buy_param_json like TOP md5")
    func jd() {
        let parameters = [
            "method": "jingdong.pop.order.search", "app_key": "JDAPPKEY01", "access_token": "jdtoken",
            "timestamp": "2026-11-22 10:00:00", "v": "2.0", "format": "json", "sign_method": "md5",
            "360buy_param_json": #"{"start_date":"2026-11-21 00:00:00","end_date":"2026-11-22 00:00:00","page":"1","page_size":"50"}"#,
        ]
        #expect(JDSignature.sign(parameters, secret: "jdsecret") == "6A46557FFC071E54E55B84F063490C9A")
    }

    @Test("Pinduoduo signs every parameter, timestamp in unix seconds")
    func pdd() {
        let parameters = [
            "type": "pdd.order.list.get", "client_id": "pddclient01", "access_token": "pddtoken", "timestamp": "1763776800",
            "data_type": "JSON", "order_status": "1", "refund_status": "5", "start_confirm_at": "1763690400",
            "end_confirm_at": "1763776800", "page": "1", "page_size": "50",
        ]
        #expect(PDDSignature.sign(parameters, secret: "pddsecret") == "F111C00E3F1D8701B2E558FFDAE38111")
    }

    @Test("Douyin: HMAC-SHA256 over the pattern with a canonical param_json, lowercase")
    func douyin() {
        let body = CanonicalParamJSON.canonical(["size": .number("10"), "page": .number("0")])
        #expect(body == #"{"page":0,"size":10}"#, "keys sorted, numbers kept")
        let sign = DouyinSignature.sign(
            appKey: "7043675397937989128", secret: "secret123", method: "order.searchList", paramJSON: body, timestamp: 1_700_000_000)
        #expect(sign == "ccc480dcfbc00c0ae97877d49cd85288bf58e4aaf85e54d588063eee90071ef7")
        let nested = CanonicalParamJSON.canonical([
            "b": .object(["z": .string("<&>"), "a": .array([.bool(true), .null])]), "a": .string("中"),
        ])
        #expect(nested == #"{"a":"中","b":{"a":[true,null],"z":"\u003c\u0026\u003e"}}"#, "sorted at every depth, escaped as Go escapes")
    }
}

func md5Upper(_ text: String) -> String {
    Hex.encode(Insecure.MD5.hash(data: Data(text.utf8))).uppercased()
}
