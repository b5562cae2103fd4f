using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>The swept solution, how many types became internal, and the friend assemblies their projects must name.</summary>
internal sealed record SweepResult(Solution Solution, int Narrowed, IReadOnlyList<Friend> Friends);
