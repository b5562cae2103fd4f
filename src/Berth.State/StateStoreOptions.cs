namespace Berth.State;

/// <summary>Which database holds Berth's state; bound from the <c>State</c> configuration section.</summary>
public sealed class StateStoreOptions
{
    public const string Section = "State";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string MariaDb = "mariadb";

    /// <summary><c>sqlite</c> (the default, embedded), <c>postgres</c> or <c>mariadb</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The ADO.NET connection string for <c>postgres</c> and <c>mariadb</c>; for <c>sqlite</c>, the database file's path
    /// (empty for the default file in the data directory).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Problem() => Provider switch
    {
        Sqlite => null,
        Postgres or MariaDb when string.IsNullOrWhiteSpace(ConnectionString) =>
            $"State:ConnectionString is required when State:Provider is {Provider}",
        Postgres or MariaDb => null,
        _ => $"State:Provider '{Provider}' is not known: use {Sqlite}, {Postgres} or {MariaDb}",
    };
}
