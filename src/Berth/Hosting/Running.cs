namespace Berth.Hosting;

/// <summary>Something started in the foreground, how to stop it, and how it tells the operator (plain lines, or its logs).</summary>
internal sealed record Running(Func<ValueTask> StopAsync, Action<string> Say);
