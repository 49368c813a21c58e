/// JD 宙斯/JOS request signing: the Taobao md5 scheme over the system parameters and the single
/// JSON business field `360buy_param_json`, uppercase hex.
public enum JDSignature {
    public static func sign(_ parameters: [String: String], secret: String) -> String {
        ParameterSigning.wrappedMD5(ParameterSigning.concatenated(parameters), secret: secret)
    }
}
