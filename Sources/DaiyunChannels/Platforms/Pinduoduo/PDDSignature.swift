/// Pinduoduo open platform signing: `UPPER(MD5(client_secret + sorted key+value + client_secret))`
/// over every parameter but `sign` (`type`, `client_id`, `timestamp` in unix seconds, `data_type`,
/// `access_token` and the business parameters).
public enum PDDSignature {
    public static func sign(_ parameters: [String: String], secret: String) -> String {
        ParameterSigning.wrappedMD5(ParameterSigning.concatenated(parameters), secret: secret)
    }
}
