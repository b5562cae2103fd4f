namespace Berth.ControlPlane.Security.Domains;

/// <summary>Reads DNS TXT records: the seam between domain verification and the resolver.</summary>
internal interface ITxtRecords
{
    /// <summary>The strings of every TXT record of <paramref name="name"/>; empty when it has none or does not exist.</summary>
    Task<IReadOnlyList<string>> LookupAsync(string name, CancellationToken cancellationToken);
}
