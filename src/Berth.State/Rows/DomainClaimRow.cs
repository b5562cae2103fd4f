using Berth.Core.Gateway;

namespace Berth.State.Rows;

/// <summary>A <c>domain_claims</c> row as Dapper reads it.</summary>
internal sealed class DomainClaimRow
{
    public const string Columns = "domain AS Domain, app_id AS AppId, token AS Token, created_at AS CreatedAt";

    public string Domain { get; set; } = "";
    public string AppId { get; set; } = "";
    public string Token { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    public DomainClaim ToClaim() => new(Domain, AppId, Token, StoredTime.Parse(CreatedAt));
}
