namespace Berth.Contracts;

/// <summary>One service's change: <c>added</c>, <c>changed</c> with its keys, <c>removed</c> or <c>unchanged</c>.</summary>
public sealed record ProjectChangeView(string Service, string Change, IReadOnlyList<string> Keys);
