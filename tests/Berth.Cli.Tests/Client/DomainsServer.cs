using Berth.ControlPlane.Tests.Support;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>The Berth of <see cref="DomainsCommandsTests"/>: it asks its own DNS server for the TXT records that prove domains.</summary>
public sealed class DomainsServer : RealServer
{
    /// <summary>What a domain's owner's DNS says.</summary>
    public TxtDnsServer Dns { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Dns.DisposeAsync();
    }

    protected override void Configure(BerthServerOptions options) => options.DomainNameServers = [Dns.Endpoint];
}
