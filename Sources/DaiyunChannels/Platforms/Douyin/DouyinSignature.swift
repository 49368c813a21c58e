/// Douyin 抖店 open platform signing: HMAC-SHA256 keyed with the app secret over
/// `secret + "app_key"… + "method"… + "param_json"… + "timestamp"… + "v2" + secret`, lowercase
/// hex. `paramJSON` must be the canonical body (`CanonicalParamJSON`), exactly as sent.
public enum DouyinSignature {
    public static func sign(appKey: String, secret: String, method: String, paramJSON: String, timestamp: Int64) -> String {
        let pattern =
            secret + "app_key" + appKey + "method" + method + "param_json" + paramJSON + "timestamp" + String(timestamp) + "v2" + secret
        return ParameterSigning.hmacSHA256(pattern, secret: secret)
    }
}
