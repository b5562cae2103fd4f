namespace Berth.Gateway.Wake;

/// <summary>How a held request ended, and for <see cref="WakeResult.Failed"/> why the app could not be woken.</summary>
internal readonly record struct WakeOutcome(WakeResult Result, string? Reason = null)
{
    /// <summary>Retry-After of the 503 that ends a hold: about what a wake takes, so a client's retry finds the app awake.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The text of the 503 a request gets when its hold ends without an instance to go to.</summary>
    public string Refusal(string appId) => Result switch
    {
        WakeResult.Full => $"App {appId} is waking up with too many requests waiting; try again shortly",
        WakeResult.TimedOut => $"App {appId} did not wake up in time; try again shortly",
        WakeResult.Failed => $"App {appId} could not be woken: {Reason}",
        _ => $"App {appId} has no running instance; try again shortly",
    };
}
