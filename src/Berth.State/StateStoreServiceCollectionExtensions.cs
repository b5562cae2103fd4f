using Berth.Core.State;
using Berth.State.MariaDb;
using Berth.State.Postgres;
using Berth.State.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.State;

/// <summary>Registers the state store the configuration chooses.</summary>
public static class StateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStateStore"/> as a singleton on the database <c>State:Provider</c> and
    /// <c>State:ConnectionString</c> name (SQLite at <paramref name="defaultSqlitePath"/> when unset), using the
    /// registered <see cref="TimeProvider"/> if any. Bad settings fail on first use with a <see cref="StateSettingsException"/> saying why.
    /// The caller runs <see cref="IStateStore.MigrateAsync"/> on start.
    /// </summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services, string defaultSqlitePath)
    {
        services.AddOptions<StateStoreOptions>().BindConfiguration(StateStoreOptions.Section);
        services.AddSingleton<IStateStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StateStoreOptions>>().Value;
            if (options.Problem() is { } problem)
            {
                throw new StateSettingsException(problem);
            }
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            return options.Provider switch
            {
                StateStoreOptions.Postgres => new PostgresStateStore(options.ConnectionString!, time),
                StateStoreOptions.MariaDb => new MariaDbStateStore(options.ConnectionString!, time),
                _ => new SqliteStateStore(string.IsNullOrWhiteSpace(options.ConnectionString) ? defaultSqlitePath : options.ConnectionString, time),
            };
        });
        return services;
    }
}
