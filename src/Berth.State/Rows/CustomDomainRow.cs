using Berth.Core.Gateway;

namespace Berth.State.Rows;

/// <summary>An <c>app_domains</c> row as Dapper reads it.</summary>
internal sealed class CustomDomainRow
{
    public const string Columns = "domain AS Domain, app_id AS AppId, created_at AS CreatedAt";

    public string Domain { get; set; } = "";
    public string AppId { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    public CustomDomain ToDomain() => new(Domain, AppId, StoredTime.Parse(CreatedAt));
}
