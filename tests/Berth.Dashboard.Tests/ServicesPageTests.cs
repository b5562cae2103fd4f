using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.ControlPlane.Tests;
using Berth.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>The Services page in a real browser against a real Berth and a real Redis service: its state, host, volume, bindings and backups, and a restore that asks first.</summary>
public sealed class ServicesPageTests : BrowserTest
{
    public override async ValueTask InitializeAsync()
    {
        berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        chromium = await Chromium.LaunchAsync();
    }

    [Fact]
    public async Task Services_Tenant_SeesServiceBindingsBackupsAndRestoresAfterConfirming()
    {
        var tenant = await berth.TenantAsync("svcpage");
        var service = BerthTestServer.UniqueAppId("cache");
        var app = BerthTestServer.UniqueAppId("web");
        (await berth.Admin.PutAsync("/v1/base-images/counter", null)).EnsureSuccessStatusCode();
        var created = await tenant.PostAsJsonAsync("/v1/services", new { name = service, type = "redis" });
        Assert.Equal("running", (await created.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/v1/apps", new { id = app, image = "counter", memoryMb = 64, cpuShares = 128 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync($"/v1/services/{service}/bindings", new { app })).StatusCode);
        var backup = (await (await tenant.PostAsync($"/v1/services/{service}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json))
            .GetProperty("id").GetString()!;

        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, tenant.DefaultRequestHeaders.Authorization!.Parameter!);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Services" }).ClickAsync();
        var card = page.Locator($"[data-service='{service}']");

        await Expect(card.Locator("[data-test=service-state]")).ToHaveTextAsync("running");
        await Expect(card.Locator("[data-test=service-host]")).ToHaveTextAsync(berth.Options.LocalHostName);
        await Expect(card.Locator("[data-test=service-volume]")).ToContainTextAsync($"berth-svc-{service}");
        await Expect(card.Locator("[data-test=service-volume]")).ToContainTextAsync(new Regex(@"\d+(\.\d)? (KiB|MiB) used of 1 GB"));
        await Expect(card.Locator($"[data-test=bindings] [data-app='{app}']")).ToContainTextAsync("REDIS_*");
        var row = card.Locator($"[data-backup='{backup}']");
        await Expect(row).ToContainTextAsync("succeeded");
        await Screenshots.SaveAsync(page, "services");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Restore {backup}…" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Group, new() { Name = $"Restore {backup}?" })).ToContainTextAsync($"Replace {service}'s data");
        await row.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Group)).ToHaveCountAsync(0);
        Assert.DoesNotContain("restored", await EventTypesAsync(tenant, service));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Restore {backup}…" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Expect(card.Locator("[data-test=restore-status]")).ToHaveTextAsync($"Restored from {backup}.", new() { Timeout = 60_000 });
        Assert.Contains("restored", await EventTypesAsync(tenant, service));
        await Expect(card.Locator("[data-test=service-state]")).ToHaveTextAsync("running", new() { Timeout = 30_000 });

        await tenant.DeleteAsync($"/v1/apps/{app}");
        await tenant.DeleteAsync($"/v1/services/{service}?purge=true");
    }

    private static async Task<string[]> EventTypesAsync(HttpClient tenant, string service) =>
        [.. (await tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{service}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}
