enum _PlaceholderDaiyunTestSupport {}
