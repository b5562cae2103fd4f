namespace Berth.Contracts;

/// <summary>Binds <c>app</c> to the service; <c>as</c> names the variables' prefix (<c>DATABASE</c>/<c>REDIS</c>, then <c>DB2</c>… by default).</summary>
public sealed record CreateBindingRequest(string? App, string? As);
