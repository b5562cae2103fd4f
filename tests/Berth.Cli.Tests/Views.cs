namespace Berth.Cli.Tests;

/// <summary>JSON bodies the fake API answers with, shaped like the real API's views.</summary>
internal static class Views
{
    public static object App(string id, string? activeVersion = null, int instances = 0) => new
    {
        id,
        tenant = "admin",
        image = id,
        port = 8080,
        memoryMb = 512,
        cpuShares = 1024,
        env = new Dictionary<string, string>(),
        healthCheck = new { path = "/_ping", intervalSeconds = 5, timeoutSeconds = 2, retries = 3 },
        onFailure = "restart",
        drainSeconds = 2,
        activeVersion,
        previousVersion = (string?)null,
        instances,
        createdAt = DateTimeOffset.UnixEpoch,
    };

    public static object Deployment(string state, string? reason = null, string version = "1.0", int instances = 2) => new
    {
        id = "d1",
        appId = "web",
        version,
        instances,
        state,
        reason,
        createdAt = DateTimeOffset.UnixEpoch,
        updatedAt = DateTimeOffset.UnixEpoch,
    };
}
