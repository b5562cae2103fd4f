namespace Berth.Dashboard.Hosting;

/// <summary>Settings of the dashboard.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// The API the dashboard calls with the signed-in token; null for the server that hosts the dashboard, which is the
    /// normal case (same origin). Tests point it elsewhere to see the dashboard without an API.
    /// </summary>
    public Uri? ApiUrl { get; set; }

    /// <summary>
    /// Where the keys that protect circuits and the token kept in the browser are stored, so a signed-in browser stays
    /// signed in across a restart of the server; null keeps them in memory only, for the life of the process.
    /// </summary>
    public string? KeyRingDirectory { get; set; }

    /// <summary>How often pages that show live state ask the API again.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
