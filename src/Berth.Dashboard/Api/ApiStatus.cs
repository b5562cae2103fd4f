namespace Berth.Dashboard.Api;

/// <summary>Whether the API answered the circuit's last call; the layout shows a banner while it does not.</summary>
public sealed class ApiStatus
{
    /// <summary>What went wrong with the last call, or null while the API answers.</summary>
    public string? Outage { get; private set; }

    public event Action? Changed;

    internal void Report(ApiProblem? problem)
    {
        var outage = problem is { Unreachable: true } ? problem.Message : null;
        if (outage != Outage)
        {
            Outage = outage;
            Changed?.Invoke();
        }
    }
}
