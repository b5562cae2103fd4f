using Berth.ControlPlane.Services;
using Berth.Core.Services;

namespace Berth.ControlPlane.Tests.Services;

public sealed class BindingVariablesTests
{
    [Theory]
    [InlineData(ServiceType.Postgres, new string[0], "DATABASE")]
    [InlineData(ServiceType.Mariadb, new[] { "DATABASE" }, "DB2")]
    [InlineData(ServiceType.Postgres, new[] { "DATABASE", "DB2", "REDIS" }, "DB3")]
    [InlineData(ServiceType.Redis, new[] { "DATABASE" }, "REDIS")]
    [InlineData(ServiceType.Redis, new[] { "REDIS" }, "REDIS2")]
    public void Choose_NoNameGiven_FirstFreeOfTheKind(ServiceType type, string[] taken, string expected) =>
        Assert.Equal(expected, BindingVariables.Choose(type, null, taken));

    [Theory]
    [InlineData("cache", "CACHE")]
    [InlineData("Orders_2", "ORDERS_2")]
    [InlineData("9lives", null)]
    [InlineData("with-dash", null)]
    [InlineData("", null)]
    public void Choose_NameGiven_UpperCasedOrRefused(string requested, string? expected) =>
        Assert.Equal(expected, BindingVariables.Choose(ServiceType.Redis, requested, []));

    [Fact]
    public void For_Postgres_UrlAndPartsUnderThePrefix()
    {
        var service = new ManagedService
        {
            Id = "orders-db", Tenant = "t", Type = ServiceType.Postgres, Version = "15", HostName = "h", HostIp = "10.0.0.2", SealedAdminPassword = "",
        };

        var variables = BindingVariables.For(service, "DB2", "berth-svc-orders-db", 5432, "berth_u", "pw");

        Assert.Equal("postgres://berth_u:pw@berth-svc-orders-db:5432/orders_db", variables["DB2_URL"]);
        Assert.Equal(["DB2_HOST", "DB2_NAME", "DB2_PASSWORD", "DB2_PORT", "DB2_URL", "DB2_USER"], variables.Keys.Order());
        Assert.Equal("orders_db", variables["DB2_NAME"]);
    }
}
