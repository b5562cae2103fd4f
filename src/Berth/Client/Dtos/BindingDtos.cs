namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/services/{id}/bindings</c>.</summary>
internal sealed record CreateBindingRequest(string App, string? As);

/// <summary>A binding as the API returns it, with the rolling restart that applied it (null when the app runs nothing).</summary>
internal sealed record BindingView(string Service, string App, string Prefix, string User, IReadOnlyList<string> Variables, DateTimeOffset CreatedAt)
{
    public DeploymentView? Rollout { get; init; }
}
