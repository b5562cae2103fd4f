using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Core.State;

namespace Berth.State.Tests;

/// <summary>
/// What every <see cref="IStateStore"/> backend must do. A backend's test class derives from this and supplies an
/// empty, unmigrated store per test; every test here then runs against it.
/// </summary>
public abstract partial class StateStoreContractTests : IAsyncLifetime
{
    private IStateStore? _store;

    /// <summary>The store under test, migrated.</summary>
    protected IStateStore Store => _store ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    /// <summary>The store's clock.</summary>
    protected ManualTimeProvider Clock { get; } = new(StateTestData.Epoch);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a store over an empty database that no other test uses.</summary>
    protected abstract Task<IStateStore> CreateStoreAsync(TimeProvider timeProvider);

    /// <summary>A second store over the database <see cref="CreateStoreAsync"/> made, as another process would open it; the test disposes it.</summary>
    protected abstract IStateStore OpenAgain(TimeProvider timeProvider);

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync(Clock);
        await _store.MigrateAsync(Ct);
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_KeepsSchemaAndData()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);

        await Store.MigrateAsync(Ct);
        await Store.MigrateAsync(Ct);

        Assert.NotNull(await Store.GetTenantAsync("acme", Ct));
    }

    [Fact]
    public async Task MigrateAsync_SeveralProcessesAtOnce_AllSucceedOnTheSameSchema()
    {
        var others = Enumerable.Range(0, 4).Select(_ => OpenAgain(Clock)).ToList();
        try
        {
            await Task.WhenAll(others.Select(other => Task.Run(() => other.MigrateAsync(Ct), Ct)));

            await others[0].CreateTenantAsync(StateTestData.Tenant(), Ct);
            Assert.NotNull(await Store.GetTenantAsync("acme", Ct));
        }
        finally
        {
            others.ForEach(other => (other as IDisposable)?.Dispose());
        }
    }

    /// <summary>Stores tenant "acme", its app "hello" and deployment "d1", which reservations refer to.</summary>
    protected async Task SeedAppAsync()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        await Store.CreateAppAsync(StateTestData.App(), Ct);
        await Store.CreateDeploymentAsync(StateTestData.Deployment(), Ct);
    }

    /// <summary>Stores a host and returns it as read back, with its version.</summary>
    protected async Task<Host> SeedHostAsync(Host host)
    {
        await Store.UpsertHostAsync(host, Ct);
        return await Store.GetHostAsync(host.Name, Ct) ?? throw new InvalidOperationException("host not stored");
    }

    /// <summary>Compares apps field by field, since their env dictionaries are compared by reference.</summary>
    protected static void AssertSameApp(App expected, App? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Env, actual.Env);
        Assert.Equal(expected, actual with { Env = expected.Env });
    }

    /// <summary>Compares hosts field by field, since their label dictionaries are compared by reference.</summary>
    protected static void AssertSameHost(Host expected, Host? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected, actual with { Labels = expected.Labels });
    }
}
