using System.Text.Json;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// <c>--json</c> against a real Berth on commands that printed only a sentence before: each prints one JSON document
/// with the fields a script needs and exits 0 — the API's answer, or for what the API answers with 204 the removal.
/// </summary>
public sealed class JsonAnswersServerTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task AppAndConfig_Json_PrintTheCreatedAppTheEntryAndTheRemovals()
    {
        string id = $"c-{Guid.NewGuid():N}"[..12];

        JsonElement app = await JsonAsync("apps", "create", id, "--json");
        JsonElement set = await JsonAsync("config", "set", id, "COLOUR", "blue", "--json");
        JsonElement get = await JsonAsync("config", "get", id, "COLOUR", "--json");
        JsonElement removedKey = await JsonAsync("config", "rm", id, "COLOUR", "--json");
        JsonElement removedApp = await JsonAsync("apps", "rm", id, "--json");

        Assert.Equal(id, app.GetProperty("id").GetString());
        Assert.Equal("COLOUR", set.GetProperty("key").GetString());
        Assert.Equal("blue", get.GetProperty("value").GetString());
        AssertRemoved(removedKey, "config key", ("app", id), ("key", "COLOUR"));
        AssertRemoved(removedApp, "app", ("app", id));
    }

    [Fact]
    public async Task PolicyOffAndClear_Json_NameThePolicyRemoved()
    {
        string id = $"o-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("apps", "create", id)).ExitCode);
        Assert.Equal(0, (await RunAsync("autoscale", "set", id, "--min", "1", "--max", "2", "--rps", "10")).ExitCode);

        JsonElement autoscale = await JsonAsync("autoscale", "off", id, "--json");
        JsonElement https = await JsonAsync("https", "clear", id, "--json");
        JsonElement traffic = await JsonAsync("traffic", "clear", id, "--json");
        JsonElement blacklist = await JsonAsync("blacklist", "set", "--app", id, "203.0.113.0/24", "--json");
        JsonElement cleared = await JsonAsync("blacklist", "clear", "--app", id, "--json");

        AssertRemoved(autoscale, "autoscale policy", ("app", id));
        AssertRemoved(https, "https policy", ("app", id));
        AssertRemoved(traffic, "traffic policy", ("app", id));
        Assert.Equal(["203.0.113.0/24"], blacklist.GetProperty("entries").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(cleared.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task HostLabel_Json_PrintsTheHostWithItsLabels()
    {
        string label = $"json{Guid.NewGuid():N}"[..12];

        JsonElement labelled = await JsonAsync("hosts", "label", "local", $"{label}=yes", "--json");
        JsonElement unlabelled = await JsonAsync("hosts", "label", "local", $"{label}-", "--json");

        Assert.Equal("local", labelled.GetProperty("name").GetString());
        Assert.Equal("yes", labelled.GetProperty("labels").GetProperty(label).GetString());
        Assert.False(unlabelled.GetProperty("labels").TryGetProperty(label, out _));
    }

    [Fact]
    public async Task TokensBaseImagesDomains_Json_PrintTheAnswerAndTheRemovals()
    {
        string tenant = $"t{Guid.NewGuid():N}"[..12];
        string repository = $"base/j{Guid.NewGuid():N}"[..16];
        string id = $"d-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("tenants", "create", tenant)).ExitCode);
        string token = (await JsonAsync("tokens", "create", tenant, "--json")).GetProperty("id").GetString()!;
        Assert.Equal(0, (await RunAsync("apps", "create", id)).ExitCode);
        Assert.Equal(0, (await RunAsync("domains", "add", id, $"{id}.example.org")).ExitCode);

        JsonElement revoked = await JsonAsync("tokens", "revoke", tenant, token, "--json");
        JsonElement added = await JsonAsync("base-images", "add", repository, "--json");
        JsonElement removedImage = await JsonAsync("base-images", "rm", repository, "--json");
        JsonElement removedDomain = await JsonAsync("domains", "remove", id, $"{id}.example.org", "--json");

        AssertRemoved(revoked, "token", ("tenant", tenant), ("id", token));
        Assert.Equal(repository, added.GetProperty("repository").GetString());
        AssertRemoved(removedImage, "base image", ("repository", repository));
        AssertRemoved(removedDomain, "domain", ("app", id), ("domain", $"{id}.example.org"));
    }

    [Fact]
    public async Task ProjectDiff_Json_PrintsTheChangesPerService()
    {
        string project = $"p{Guid.NewGuid():N}"[..12];
        string compose = Path.Combine(ClientEnvironment().WorkingDirectory, "compose.yml");
        await File.WriteAllTextAsync(compose, "services:\n  web:\n    image: hello:v1\n    expose: [8080]\n", TestContext.Current.CancellationToken);

        JsonElement diff = await JsonAsync("projects", "diff", project, "-f", compose, "--json");

        JsonElement change = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("web", change.GetProperty("service").GetString());
    }

    /// <summary>Runs the command, which must succeed and print exactly one JSON document; returns it.</summary>
    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        CliResult result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"berth {string.Join(' ', args)} exited with {result.ExitCode}: {result.Error}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private static void AssertRemoved(JsonElement answer, string what, params (string Name, string Value)[] names)
    {
        Assert.Equal(what, answer.GetProperty("removed").GetString());
        Assert.All(names, name => Assert.Equal(name.Value, answer.GetProperty(name.Name).GetString()));
    }
}
