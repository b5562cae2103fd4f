using Berth.Core.State;
using Dapper;

namespace Berth.State.Rows;

/// <summary>What one plan reserves on one host, and the conditional <c>UPDATE</c> that claims it.</summary>
internal sealed record HostClaim(string HostName, long ExpectedVersion, long MemoryMb, long CpuShares, IReadOnlyList<InstanceReservation> Reservations)
{
    public static HostClaim Of(IGrouping<string, InstanceReservation> group)
    {
        var reservations = group.ToList();
        var expected = reservations[0].ExpectedHostVersion;
        if (reservations.Any(r => r.ExpectedHostVersion != expected))
        {
            throw new ArgumentException($"the reservations on host {group.Key} expect different versions of it", "reservations");
        }
        return new HostClaim(group.Key, expected, reservations.Sum(r => (long)r.MemoryMb), reservations.Sum(r => (long)r.CpuShares), reservations);
    }

    /// <summary>
    /// One statement per host: it changes the row only while the host is at the expected version and the plan fits, so
    /// the rows changed equal the claims exactly when every host was claimed. On databases with row locks it also makes
    /// a concurrent claim of the host wait, then find the version moved.
    /// </summary>
    public static string Sql(IReadOnlyList<HostClaim> claims) => string.Concat(claims.Select((_, i) =>
        $"""
        UPDATE hosts SET version = version + 1, reserved_memory_mb = reserved_memory_mb + @m{i},
            reserved_cpu_shares = reserved_cpu_shares + @c{i}, instance_count = instance_count + @n{i}
        WHERE name = @h{i} AND version = @v{i} AND reserved_memory_mb + @m{i} <= memory_mb AND reserved_cpu_shares + @c{i} <= cpu_shares;

        """));

    public static DynamicParameters Parameters(IReadOnlyList<HostClaim> claims)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < claims.Count; i++)
        {
            parameters.Add($"h{i}", claims[i].HostName);
            parameters.Add($"v{i}", claims[i].ExpectedVersion);
            parameters.Add($"m{i}", claims[i].MemoryMb);
            parameters.Add($"c{i}", claims[i].CpuShares);
            parameters.Add($"n{i}", claims[i].Reservations.Count);
        }
        return parameters;
    }
}
