using Berth.ControlPlane.Services;
using Berth.Core.Services;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>Binds <c>app</c> to the service; <c>as</c> names the variables' prefix (<c>DATABASE</c>/<c>REDIS</c>, then <c>DB2</c>… by default).</summary>
public sealed record CreateBindingRequest(string? App, string? As);

/// <summary>
/// A binding as the API shows it (never the password): the variables the app's containers get, and the rolling restart
/// that brought them in or out (null when the app runs no instance).
/// </summary>
public sealed record BindingView(string Service, string App, string Prefix, string User, IReadOnlyList<string> Variables, DateTimeOffset CreatedAt)
{
    public DeploymentView? Rollout { get; init; }

    public static BindingView From(ServiceBinding b) => new(b.ServiceId, b.AppId, b.Prefix, b.User, BindingVariables.Names(b.Prefix), b.CreatedAt);

    public static BindingView From(BindingOutcome outcome) =>
        From(outcome.Binding) with { Rollout = outcome.Rollout is { } rollout ? DeploymentView.From(rollout) : null };
}
