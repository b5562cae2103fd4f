namespace Berth.Contracts;

/// <summary>What a deploy of a compose file would change, service by service.</summary>
public sealed record ProjectDiffView(string Project, int Revision, IReadOnlyList<ProjectChangeView> Changes, IReadOnlyList<string> Warnings);
