namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>All API tests share one service and one database, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ApiTestGroup : ICollectionFixture<ApiFactory>
{
    public const string Name = "Api";
}
