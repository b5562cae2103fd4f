using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

/// <summary>The compose file the README shows parses as Berth reads it.</summary>
public sealed class SampleComposeTests
{
    private static string SamplePath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "samples", "shop", "compose.yaml");

    private static string ReadmePath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "README.md");

    [Fact]
    public void Parse_ShopSample_ThreeServicesChainedByHealth()
    {
        var project = Compose.Valid(File.ReadAllText(SamplePath()));

        Assert.Equal(["web", "api", "kv"], project.Services.Select(s => s.Name));
        Assert.Equal([["kv"], ["api"], ["web"]], StartOrder.Waves(project.Services).Select(w => w.Select(s => s.Name).ToArray()));
        Assert.All(project.Services, s => Assert.Equal(("hello", "v1", 8080, 64, 256, "/_ping"), (s.Image, s.Tag, s.Port, s.MemoryMb!.Value, s.CpuShares!.Value, s.HealthCheck!.Path)));
        Assert.Equal([true, false, false], project.Services.Select(s => s.Published));
        Assert.Contains("answer=$(printf \"GET $path HTTP/1.0\\r\\n\\r\\n\" | nc -w 2 $address $port | busybox tail -n 1)\n", project.Services[0].Command[2]);
        Assert.StartsWith("mkdir -p /www/cgi-bin\ncat > /www/cgi-bin/value <<'CGI'\n#!/bin/sh\n", project.Services[0].Command[2]);
    }

    [Fact]
    public void Readme_ProjectsSection_ShowsTheSampleWordForWord()
    {
        // The sample's leading comment lines are the only part the README leaves out; the end-to-end tests run the file.
        var sample = File.ReadAllText(SamplePath());
        var body = sample[sample.IndexOf("x-chain:", StringComparison.Ordinal)..];

        Assert.Contains("```yaml\n" + body + "```\n", File.ReadAllText(ReadmePath()));
    }
}
