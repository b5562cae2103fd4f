using Berth.ControlPlane.Tests;

namespace Berth.Dashboard.Tests.Support;

/// <summary>What every dashboard test runs against: a real Berth and a headless Chromium, fresh for each test.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected BerthTestServer berth = null!;
    protected Chromium chromium = null!;

    public virtual async ValueTask InitializeAsync()
    {
        berth = await BerthTestServer.StartAsync();
        chromium = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await chromium.DisposeAsync();
        await berth.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
