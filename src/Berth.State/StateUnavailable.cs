using System.Net.Sockets;
using MySqlConnector;
using Npgsql;

namespace Berth.State;

/// <summary>
/// Tells the errors that mean "the state database cannot serve right now" — it is down, restarting, still starting up
/// (PostgreSQL's 57P03), shutting down or out of connections — from every other database error. Trying again in a few
/// seconds succeeds for these, so the API answers them with 503 and a Retry-After instead of a 500.
/// </summary>
public static class StateUnavailable
{
    /// <summary>True when <paramref name="exception"/>, or an exception it wraps, says the database cannot serve right now.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailable(postgres.SqlState);
                case NpgsqlException npgsql when IsConnectionFailure(npgsql.InnerException):
                    return true;
                case MySqlException mySql:
                    return IsUnavailable(mySql.ErrorCode) || IsConnectionFailure(mySql.InnerException);
            }
        }

        return false;
    }

    /// <summary>
    /// PostgreSQL's SQLSTATEs (errcodes.txt) of a server that cannot serve: class 08 (connection exception), 57P01
    /// admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now ("the database system is starting up"), 53300
    /// too_many_connections. Serialization failures and deadlocks are retried by the store and are no outage.
    /// </summary>
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300";

    private static bool IsUnavailable(MySqlErrorCode code) => code is
        MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ConnectionCountError or MySqlErrorCode.TooManyUserConnections or
        MySqlErrorCode.ServerShutdown or MySqlErrorCode.NormalShutdown or MySqlErrorCode.ShutdownComplete;

    /// <summary>The driver lost or could not make its connection: refused, reset, closed mid-reply, or timed out.</summary>
    private static bool IsConnectionFailure(Exception? inner) => inner is SocketException or IOException or TimeoutException;
}
