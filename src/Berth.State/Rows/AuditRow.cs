using Berth.Core.Security;

namespace Berth.State.Rows;

/// <summary>An <c>audit_log</c> row as Dapper reads and writes it.</summary>
internal sealed class AuditRow
{
    public const string Columns =
        "id AS Id, at AS At, actor AS Actor, token_id AS TokenId, client AS Client, method AS Method, path AS Path, status AS Status";

    public string Id { get; set; } = "";
    public string At { get; set; } = "";
    public string? Actor { get; set; }
    public string? TokenId { get; set; }
    public string Client { get; set; } = "";
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int Status { get; set; }

    public static AuditRow From(AuditEntry entry) => new()
    {
        Id = entry.Id,
        At = StoredTime.ToText(entry.At),
        Actor = entry.Actor,
        TokenId = entry.TokenId,
        Client = entry.Client,
        Method = entry.Method,
        Path = entry.Path,
        Status = entry.Status,
    };

    public AuditEntry ToEntry() => new()
    {
        Id = Id,
        At = StoredTime.Parse(At),
        Actor = Actor,
        TokenId = TokenId,
        Client = Client,
        Method = Method,
        Path = Path,
        Status = Status,
    };
}
