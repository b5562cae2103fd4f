namespace Berth.Contracts;

/// <summary>
/// A binding as the API shows it (never the password): the variables the app's containers get, and the rolling restart
/// that brought them in or out (null when the app runs no instance).
/// </summary>
public sealed record BindingView(string Service, string App, string Prefix, string User, IReadOnlyList<string> Variables, DateTimeOffset CreatedAt)
{
    public DeploymentView? Rollout { get; init; }
}
