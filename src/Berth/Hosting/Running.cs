namespace Berth.Hosting;

/// <summary>Something started in the foreground, and how to stop it.</summary>
internal sealed record Running(Func<ValueTask> StopAsync);
