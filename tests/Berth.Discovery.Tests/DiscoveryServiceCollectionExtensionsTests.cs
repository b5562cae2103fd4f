using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Discovery.Tests;

public sealed class DiscoveryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEmbeddedDiscovery_Resolved_OneStoreSharedByRegistry()
    {
        using var provider = new ServiceCollection().AddEmbeddedDiscovery().BuildServiceProvider();

        var store = provider.GetRequiredService<IDiscoveryStore>();

        Assert.IsType<EmbeddedDiscoveryStore>(store);
        Assert.Same(store, provider.GetRequiredService<EmbeddedDiscoveryStore>());
        Assert.NotNull(provider.GetRequiredService<ServiceRegistry>());
    }
}
