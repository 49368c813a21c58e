import Fluent

/// The one ordered list of migrations. Append only: a migration that has landed is never edited.
public enum Migrations {
    public static let all: [any Migration] = [
        M0001_CreateAgencies(),
        M0002_CreateClients(),
        M0003_CreateStores(),
        M0004_CreateUsers(),
        M0005_CreateStoreAssignments(),
        M0006_CreateAPITokens(),
        M0007_CreateSignInThrottles(),
        M0008_CreateAuditLog(),
        M0009_CreateSessions(),
        M0010_CreateSourceRecords(),
        M0011_CreateCatalog(),
        M0012_CreateOrders(),
        M0013_CreateInventory(),
        M0014_CreateImportBatches(),
        M0015_CreateChannelSync(),
        M0016_CreateShipmentsAndPushIndex(),
        M0017_CreateReviews(),
        M0018_AddJobLockKeys(),
        M0019_CheckFactParentsPerBatch(),
        M0020_IndexOrderListFilters(),
        M0021_AddStockCountedAt(),
        M0022_AddTokenExpiryAndParent(),
        M0023_CreateSessionsWithStart(),
        M0024_GeneralizeJobs(),
        M0025_AddShippingPromiseAndStockWarning(),
        M0026_AddAccountControls(),
        M0027_AddJobMessages(),
        M0028_AddOrderReceiver(),
        M0029_CreateStoreTrafficDays(),
        M0030_CreateSalesRollups(),
        M0031_CreateAlerts(),
        M0032_CreateRobots(),
    ]
}
