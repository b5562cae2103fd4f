using MySqlConnector;
using Npgsql;

namespace Berth.State.Tests;

/// <summary>
/// Which database errors mean "cannot serve right now" (the API's 503): PostgreSQL's states by their SQLSTATE, and the
/// errors the real drivers raise when nothing listens, or when the server answers but refuses the credentials.
/// </summary>
public sealed class StateUnavailableTests
{
    // Nothing listens on port 1 of the loopback: the connection is refused at once.
    private const string NothingListens = "127.0.0.1;Port=1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("57P03")] // cannot_connect_now: "the database system is starting up"
    [InlineData("57P01")] // admin_shutdown
    [InlineData("57P02")] // crash_shutdown
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void Is_PostgresCannotServe_True(string sqlState) =>
        Assert.True(StateUnavailable.Is(new PostgresException("the database system is starting up", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("23505")] // unique_violation: a conflict the API reports itself
    [InlineData("40001")] // serialization_failure: retried by the store
    [InlineData("42P01")] // undefined_table: a bug, a 500
    [InlineData("28P01")] // invalid_password: a setting, a 500
    public void Is_PostgresOtherError_False(string sqlState) =>
        Assert.False(StateUnavailable.Is(new PostgresException("no", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Is_WrappedByAnotherException_LooksInside() =>
        Assert.True(StateUnavailable.Is(new InvalidOperationException("reading hosts failed", new PostgresException("starting up", "FATAL", "FATAL", "57P03"))));

    [Fact]
    public void Is_NotADatabaseError_False() => Assert.False(StateUnavailable.Is(new KeyNotFoundException("app x does not exist")));

    [Fact]
    public async Task Is_PostgresNothingListens_True()
    {
        await using var source = NpgsqlDataSource.Create($"Host={NothingListens};Username=berth;Password=berth;Timeout=5");
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await source.OpenConnectionAsync(Ct));
        Assert.True(StateUnavailable.Is(error), error.ToString());
    }

    [Fact]
    public async Task Is_MariaDbNothingListens_True()
    {
        await using var source = new MySqlDataSource($"Server={NothingListens};User ID=berth;Password=berth;Connection Timeout=5");
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await source.OpenConnectionAsync(Ct));
        Assert.True(StateUnavailable.Is(error), error.ToString());
    }

    [Fact]
    public async Task Is_MariaDbRefusesTheCredentials_False()
    {
        var wrong = new MySqlConnectionStringBuilder(Environment.GetEnvironmentVariable("BERTH_TEST_MARIADB") ?? "Server=127.0.0.1;Port=3306;User ID=berth;Password=berth")
        {
            Password = "not-the-password",
        };
        await using var source = new MySqlDataSource(wrong.ConnectionString);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await source.OpenConnectionAsync(Ct));
        Assert.False(StateUnavailable.Is(error), error.ToString());
    }

    [Fact]
    public async Task Is_PostgresRefusesTheCredentials_False()
    {
        var wrong = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("BERTH_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=berth;Password=berth;Database=postgres")
        {
            Password = "not-the-password",
        };
        await using var source = NpgsqlDataSource.Create(wrong.ConnectionString);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await source.OpenConnectionAsync(Ct));
        Assert.False(StateUnavailable.Is(error), error.ToString());
    }
}
