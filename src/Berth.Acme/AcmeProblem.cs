namespace Berth.Acme;

/// <summary>An ACME problem document (RFC 7807 with RFC 8555 §6.7's <c>urn:ietf:params:acme:error:*</c> types).</summary>
public sealed record AcmeProblem(string? Type, string? Detail, int? Status, IReadOnlyList<AcmeProblem>? Subproblems)
{
    private const string AcmeErrorPrefix = "urn:ietf:params:acme:error:";

    /// <summary>The short error name (<c>badNonce</c>, <c>unauthorized</c>…), or the whole type when it is not an ACME one.</summary>
    public string Kind => Type is { } type && type.StartsWith(AcmeErrorPrefix, StringComparison.Ordinal) ? type[AcmeErrorPrefix.Length..] : Type ?? "unknown";

    /// <summary>One line for people: the kind, the detail, and the subproblems' details.</summary>
    public override string ToString()
    {
        var text = Detail is { Length: > 0 } detail ? $"{Kind}: {detail}" : Kind;
        return Subproblems is { Count: > 0 } subproblems ? $"{text} ({string.Join("; ", subproblems.Select(s => s.ToString()))})" : text;
    }
}
