namespace Berth.Core.Security;

/// <summary>One call that tried to change something: who, what, when, and how it ended.</summary>
public sealed record AuditEntry
{
    /// <summary>Sortable in time order; the newest entry has the greatest id.</summary>
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>The tenant whose token was used, or null when the call was not authenticated.</summary>
    public string? Actor { get; init; }
    public string? TokenId { get; init; }
    /// <summary>The client's address as the server saw it.</summary>
    public required string Client { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    /// <summary>The HTTP status of the answer.</summary>
    public required int Status { get; init; }
}
