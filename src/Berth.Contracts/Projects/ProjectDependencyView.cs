namespace Berth.Contracts;

/// <summary>A <c>depends_on</c> entry: <c>service_started</c>, <c>service_healthy</c> or <c>service_completed_successfully</c>.</summary>
public sealed record ProjectDependencyView(string Service, string Condition);
