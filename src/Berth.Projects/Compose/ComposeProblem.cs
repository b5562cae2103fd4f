namespace Berth.Projects.Compose;

/// <summary>Something wrong (or ignored) in a compose file, with where it is: 1-based line and column.</summary>
public sealed record ComposeProblem(string Message, int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
