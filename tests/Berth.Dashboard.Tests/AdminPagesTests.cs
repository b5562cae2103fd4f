using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Berth.Dashboard.Tests;

/// <summary>The operator's pages in a real browser against a real Berth: hosts, tenants and tokens, the global blacklist, the audit log.</summary>
public sealed class AdminPagesTests : BrowserTest
{
    private async Task<IPage> AdminPageAsync(ViewportSize? viewport = null)
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl, viewport);
        await SignInSteps.SignInAsync(page, Tokens.Admin(berth));
        return page;
    }

    private static Task OpenAsync(IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();

    [Fact]
    public async Task Hosts_Admin_SeesBarsEditsLabelsDrainsAndLiftsPortBlocks()
    {
        // As the launcher blocks a port the engine found taken outside Berth.
        var blockedPort = int.Parse(berth.Options.LocalPortRange.Split('-')[0], CultureInfo.InvariantCulture) + 3;
        await berth.Server.Services.GetRequiredService<IBlockedPortStore>().BlockPortAsync(
            new BlockedPort(berth.Options.LocalHostName, blockedPort, DateTimeOffset.UtcNow.AddMinutes(10), "port is already allocated"),
            TestContext.Current.CancellationToken);
        var page = await AdminPageAsync();
        await OpenAsync(page, "Hosts");
        var host = page.Locator($"[data-host='{berth.Options.LocalHostName}']");

        await Expect(host.Locator("[data-test=bar-memory]")).ToHaveAttributeAsync("data-capacity", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await Expect(host.Locator("[data-test=bar-cpu]")).ToHaveAttributeAsync("data-reserved", "0");
        await Expect(host.GetByRole(AriaRole.Img, new() { NameRegex = new("^Memory: 0 of .* MB reserved") })).ToBeVisibleAsync();
        await Expect(host.Locator("[data-test=host-state]")).ToHaveTextAsync("up");
        await Expect(host.Locator($"[data-test=blocked-ports] [data-port='{blockedPort}']")).ToContainTextAsync("port is already allocated");
        await Screenshots.SaveAsync(page, "admin-hosts");

        await host.GetByRole(AriaRole.Button, new() { Name = $"Lift the block of port {blockedPort}" }).ClickAsync();
        await Expect(host.Locator("[data-test=blocked-ports]")).ToHaveCountAsync(0);

        await host.GetByRole(AriaRole.Button, new() { Name = "Edit labels" }).ClickAsync();
        await host.GetByLabel("Labels").FillAsync("disk");
        await host.GetByRole(AriaRole.Button, new() { Name = "Save labels" }).ClickAsync();
        await Expect(host.Locator($"#labels-{berth.Options.LocalHostName}-error")).ToContainTextAsync("not key=value");
        await Expect(host.GetByLabel("Labels")).ToHaveAttributeAsync("aria-invalid", "true");
        await host.GetByLabel("Labels").FillAsync("disk=ssd, zone=a");
        await host.GetByRole(AriaRole.Button, new() { Name = "Save labels" }).ClickAsync();
        await Expect(host.Locator("[data-test=host-label]")).ToHaveTextAsync(["disk=ssd", "zone=a"]);

        await host.GetByRole(AriaRole.Button, new() { Name = "Drain" }).ClickAsync();
        await Expect(host.Locator("[data-test=host-state]")).ToHaveTextAsync("drained");
        await host.GetByRole(AriaRole.Button, new() { Name = "Take instances again" }).ClickAsync();
        await Expect(host.Locator("[data-test=host-state]")).ToHaveTextAsync("up");

        var stored = await berth.Admin.GetFromJsonAsync<JsonElement>($"/v1/hosts/{berth.Options.LocalHostName}", BerthTestServer.Json);
        Assert.Equal("ssd", stored.GetProperty("labels").GetProperty("disk").GetString());
        Assert.False(stored.GetProperty("drain").GetBoolean());
        Assert.Equal(0, stored.GetProperty("blockedPorts").GetArrayLength());

        var phone = await AdminPageAsync(Chromium.Phone);
        await phone.GotoAsync("/admin/hosts");
        await Expect(phone.Locator("[data-test=bar-memory]")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the hosts page scrolls sideways on a phone");
        await Screenshots.SaveAsync(phone, "admin-hosts-phone");
    }

    [Fact]
    public async Task Tenants_Admin_CreatesTenantIssuesAndRevokesTokens()
    {
        var page = await AdminPageAsync();
        await OpenAsync(page, "Tenants");

        await page.GetByLabel("Name").FillAsync("Not_A_Name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        await Expect(page.Locator("#tenant-name-error")).ToContainTextAsync("lowercase letters");

        await page.GetByLabel("Name").FillAsync("globex");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        var first = await page.Locator("#new-tenant-token").InputValueAsync();
        Assert.StartsWith("berth_", first);
        await Expect(page.Locator("#tenant-name-error")).ToBeEmptyAsync();
        await Expect(page.Locator("[data-tenant=globex]")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, (await berth.Client(first).GetAsync("/v1/apps")).StatusCode);
        await Screenshots.SaveAsync(page, "admin-tenants");

        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.Locator("[data-test=new-token]")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "globex" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tokens of globex" })).ToBeVisibleAsync();
        await page.GetByLabel("Scope").SelectOptionAsync("read-only");
        await page.GetByLabel("Description").FillAsync("ci-runner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        var second = await page.Locator("#new-token").InputValueAsync();
        Assert.StartsWith("berth_", second);
        var ci = page.Locator("[data-test=tokens] tr", new() { HasText = "ci-runner" });
        await Expect(ci).ToContainTextAsync("read-only");
        await Screenshots.SaveAsync(page, "admin-tokens");

        await ci.GetByRole(AriaRole.Button, new() { Name = "Revoke…" }).ClickAsync();
        await ci.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(ci).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await berth.Client(second).GetAsync("/v1/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await berth.Client(first).GetAsync("/v1/apps")).StatusCode);
    }

    [Fact]
    public async Task Blacklist_Admin_EditsTheGlobalList()
    {
        var page = await AdminPageAsync();
        await OpenAsync(page, "Blacklist");
        var entries = page.GetByLabel("Entries, one a line");
        await Expect(page.Locator("[data-test=blacklist-count]")).ToContainTextAsync("0 entries");

        await entries.FillAsync("203.0.113.7\nnot-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save blacklist" }).ClickAsync();
        await Expect(page.Locator("#blacklist-entries-error")).ToContainTextAsync("not-an-address");
        await Expect(entries).ToHaveAttributeAsync("aria-invalid", "true");

        await entries.FillAsync("203.0.113.7\n10.0.0.0/8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save blacklist" }).ClickAsync();
        await Expect(page.Locator("[data-test=blacklist-saved]")).ToHaveTextAsync("Saved: 2 entries.");
        await Expect(page.Locator("#blacklist-entries-error")).ToBeEmptyAsync();
        await Screenshots.SaveAsync(page, "admin-blacklist");

        var stored = await berth.Admin.GetFromJsonAsync<JsonElement>("/v1/blacklist", BerthTestServer.Json);
        Assert.Equal(["10.0.0.0/8", "203.0.113.7"], stored.GetProperty("entries").EnumerateArray().Select(e => e.GetString()).Order());
    }

    [Fact]
    public async Task Audit_Admin_SeesCallsAndFiltersByTenant()
    {
        await Tokens.TenantAsync(berth, "initech");
        var tenant = berth.Client(await Tokens.TenantAsync(berth, "umbrella"));
        await tenant.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("audited"), memoryMb = 32 });
        var page = await AdminPageAsync();
        await OpenAsync(page, "Audit");

        var rows = page.Locator("[data-test=audit] tbody tr");
        await Expect(rows.Filter(new() { HasText = "POST /v1/tenants" })).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "admin-audit");

        await page.GetByLabel("Tenant").FillAsync("Bad Name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#audit-actor-error")).ToContainTextAsync("actor a tenant name");

        await page.GetByLabel("Tenant").FillAsync("umbrella");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("POST /v1/apps");
        await Expect(page.Locator("#audit-actor-error")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task AdminPages_Tenant_SeesNoneOfThem()
    {
        var page = await chromium.NewPageAsync(berth.Server.ApiUrl);
        await SignInSteps.SignInAsync(page, await Tokens.TenantAsync(berth, "hooli"));

        foreach (var path in new[] { "/admin/hosts", "/admin/tenants", "/admin/tenants/admin", "/admin/blacklist", "/admin/audit" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("[data-test=admin-only]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-host], [data-tenant], [data-token], [data-audit], #blacklist-entries")).ToHaveCountAsync(0);
        }

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Hosts" })).ToHaveCountAsync(0);
    }
}
