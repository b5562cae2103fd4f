using System.CommandLine;
using Berth.Discovery.Selection;
using Microsoft.Extensions.Configuration;

namespace Berth.Hosting;

/// <summary>The flags that choose a discovery store, over the <c>Discovery</c> configuration section.</summary>
internal sealed record DiscoveryFlags(Option<string?> Provider, Option<string[]> Endpoints)
{
    public static DiscoveryFlags Create() => new(
        new Option<string?>("--discovery") { Description = "embedded (default), etcd or zookeeper" },
        new Option<string[]>("--discovery-endpoint") { Description = "an etcd URL or a ZooKeeper host:port; repeat for a cluster", AllowMultipleArgumentsPerToken = false });

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Endpoints);
    }

    public DiscoveryOptions Read(ParseResult parse, IConfiguration configuration)
    {
        var options = Bind(configuration);
        if (parse.GetValue(Provider) is { } provider)
        {
            options.Provider = provider;
        }

        if (parse.GetValue(Endpoints) is { Length: > 0 } endpoints)
        {
            options.Endpoints = endpoints;
        }

        return options;
    }

    /// <summary>The settings of the <c>Discovery</c> section alone, before any flag.</summary>
    public static DiscoveryOptions Bind(IConfiguration configuration) => HostSetup.Bound(
        DiscoveryOptions.SectionName, () => configuration.GetSection(DiscoveryOptions.SectionName).Get<DiscoveryOptions>() ?? new());
}
