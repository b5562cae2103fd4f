using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.State.Sqlite;

/// <summary>Registers the SQLite state store.</summary>
internal static class SqliteStateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStateStore"/> as a singleton over the SQLite file at <paramref name="databasePath"/>,
    /// using the registered <see cref="TimeProvider"/> if any. The caller runs <see cref="IStateStore.MigrateAsync"/> on start.
    /// </summary>
    public static IServiceCollection AddSqliteStateStore(this IServiceCollection services, string databasePath) =>
        services.AddSingleton<IStateStore>(provider =>
            new SqliteStateStore(databasePath, provider.GetService<TimeProvider>() ?? TimeProvider.System));
}
