namespace Berth.Projects.Planning;

/// <summary>What a deploy does to one service, and for a changed one which of its keys differ.</summary>
public sealed record ServiceChange(string Service, ChangeKind Kind, IReadOnlyList<string> Keys)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.Changed => $"~ {Service} ({string.Join(", ", Keys)})",
        ChangeKind.Added => $"+ {Service}",
        ChangeKind.Removed => $"- {Service}",
        _ => $"  {Service}",
    };
}
