namespace Berth.Contracts;

/// <summary>
/// A project as the API shows it: its running revision's services, and how its last deploy went (<see cref="State"/>
/// e.g. <c>deploying</c>, <c>running</c> or <c>failed</c>).
/// </summary>
public sealed record ProjectView(
    string Name, string Tenant, int Revision, string State, string? Reason, IReadOnlyList<string> Warnings,
    IReadOnlyList<ProjectServiceView> Services, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
