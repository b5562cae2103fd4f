using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>A <c>provisioned_hosts</c> row.</summary>
internal sealed class ProvisionedHostRow
{
    public const string Columns = "name AS Name, created_at AS CreatedAt";

    public string Name { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    public static ProvisionedHostRow From(ProvisionedHost host) => new() { Name = host.Name, CreatedAt = StoredTime.ToText(host.CreatedAt) };

    public ProvisionedHost ToProvisionedHost() => new(Name, StoredTime.Parse(CreatedAt));
}
