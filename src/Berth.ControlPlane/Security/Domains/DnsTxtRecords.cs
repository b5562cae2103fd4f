using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Domains;

/// <summary>
/// TXT lookups through <see cref="BerthOptions.DomainNameServers"/>, or the machine's resolvers when none are set.
/// Nothing is cached: a record just put in place is seen on the next verify.
/// </summary>
internal sealed class DnsTxtRecords(IOptions<BerthOptions> options) : ITxtRecords
{
    private readonly LookupClient _client = Create(options.Value.DomainNameServers);

    public async Task<IReadOnlyList<string>> LookupAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        return answer.Answers.OfType<TxtRecord>().SelectMany(record => record.Text).ToArray();
    }

    private static LookupClient Create(string[] servers)
    {
        var settings = servers.Length == 0
            ? new LookupClientOptions()
            : new LookupClientOptions(servers.Select(s => new NameServer(IPEndPoint.Parse(s))).ToArray()) { AutoResolveNameServers = false };
        settings.UseCache = false;
        settings.ThrowDnsErrors = false;
        settings.Timeout = TimeSpan.FromSeconds(3);
        settings.Retries = 1;
        return new LookupClient(settings);
    }
}
