using Berth.Core.State;
using Berth.State.MariaDb;
using Berth.State.Postgres;
using Berth.State.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.State.Tests;

public sealed class StateStoreServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddStateStore(Path.Combine(Path.GetTempPath(), $"berth-{Guid.NewGuid():N}.db"))
            .BuildServiceProvider();
    }

    [Fact]
    public void AddStateStore_NothingConfigured_IsSqlite()
    {
        using var provider = Build();

        Assert.IsType<SqliteStateStore>(provider.GetRequiredService<IStateStore>());
    }

    [Theory]
    [InlineData("postgres", typeof(PostgresStateStore), "Host=127.0.0.1;Database=berth;Username=berth;Password=berth")]
    [InlineData("mariadb", typeof(MariaDbStateStore), "Server=127.0.0.1;Database=berth_x;User ID=berth;Password=berth")]
    public void AddStateStore_ProviderAndConnectionString_IsThatDatabasesStore(string name, Type expected, string connectionString)
    {
        using var provider = Build(("State:Provider", name), ("State:ConnectionString", connectionString));

        Assert.IsType(expected, provider.GetRequiredService<IStateStore>());
    }

    [Theory]
    [InlineData("oracle", "State:Provider 'oracle' is not known: use sqlite, postgres or mariadb")]
    [InlineData("postgres", "State:ConnectionString is required when State:Provider is postgres")]
    public void AddStateStore_BadSettings_FailsWithTheReason(string name, string reason)
    {
        using var provider = Build(("State:Provider", name));

        var error = Assert.Throws<StateSettingsException>(() => provider.GetRequiredService<IStateStore>());

        Assert.Equal(reason, error.Message);
    }
}
