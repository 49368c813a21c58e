/// The API's reference, read from the OpenAPI document: each operation with its parameters, body
/// and answers, then the schemas. The document's own text is English, as API documents are.
struct APIReferencePage: PageContent {
    static let template = "app/api"
    static let strings: [StringTable] = [.api]
    var title: String
    var reference: APIReference
    var documentPath = SiteURL.openAPIDocument.path

    init(_ reference: APIReference, _ l10n: Localizer) {
        title = l10n["api_title"]
        self.reference = reference
    }
}

extension StringTable {
    /// The strings of the API reference page.
    static let api = StringTable(
        "api",
        [
            "api_title": ("API 文档", "API reference"),
            "api_intro": (
                "Daiyun 的 JSON API：与页面同样的访问规则，调用时在 Authorization 头中带上账号页创建的 API 令牌。以下内容取自 OpenAPI 文档（英文）。",
                "Daiyun's JSON API, under the same access rules as the pages: send an API token from the account page in the Authorization header. What follows is the OpenAPI document's own text."
            ),
            "api_download": ("下载 OpenAPI 文档（YAML）", "Download the OpenAPI document (YAML)"),
            "api_base": ("接口地址前缀", "Base path"),
            "api_contents": ("目录", "Contents"),
            "api_parameters": ("参数", "Parameters"),
            "api_parameter": ("名称", "Name"),
            "api_location": ("位置", "In"),
            "api_type": ("类型", "Type"),
            "api_required": ("必填", "Required"),
            "api_description": ("说明", "Description"),
            "api_body": ("请求体", "Request body"),
            "api_answers": ("响应", "Responses"),
            "api_status": ("状态码", "Status"),
            "api_schemas": ("数据结构", "Schemas"),
            "api_property": ("字段", "Field"),
        ])
}
