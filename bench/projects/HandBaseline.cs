using System.Diagnostics;
using Berth.Projects.Compose;

namespace Berth.Bench.Projects;

/// <summary>
/// The same containers started by hand, as a person without a compose tool would: a network, then each service with
/// <c>docker run</c> (its command, environment, limits and health check as the file gives them) once the services it
/// depends on report healthy, then curl until the chain answers.
/// </summary>
internal sealed class HandBaseline(string compose) : IBaseline
{
    private const int Port = 27600;
    private readonly ComposeProject _project = ComposeParser.Parse(compose, new ComposeParseOptions { ProjectName = "shop" }).Project
        ?? throw new InvalidOperationException("samples/shop/compose.yaml does not parse");

    public async Task<ProjectMeasurement> MeasureAsync(int round)
    {
        var network = $"benchshop{Environment.ProcessId}x{round}";
        var containers = new List<string>();
        try
        {
            var clock = Stopwatch.StartNew();
            await Chain.RunAsync("docker", "network", "create", network);
            foreach (var wave in StartOrder.Waves(_project.Services))
            {
                foreach (var service in wave)
                {
                    containers.Add(await Chain.RunAsync("docker", [.. Run(service, network)]));
                }

                foreach (var container in containers)
                {
                    await UntilHealthyAsync(container);
                }
            }

            var done = clock.Elapsed;
            await Chain.UntilAnsweredAsync($"http://127.0.0.1:{Port}/cgi-bin/value");
            return new ProjectMeasurement("docker run by hand", clock.Elapsed, done);
        }
        finally
        {
            if (containers.Count > 0)
            {
                await Chain.RunAsync("docker", ["rm", "-f", .. containers]);
            }

            await Chain.RunAsync("docker", "network", "rm", network);
        }
    }

    private static IEnumerable<string> Run(ComposeService service, string network)
    {
        string[] run =
        [
            "run", "-d", "--init", "--network", network, "--network-alias", service.Name,
            "-m", $"{service.MemoryMb}m", "-c", $"{service.CpuShares}",
            "--health-cmd", $"wget -q -O- http://127.0.0.1:{service.Port}{service.HealthCheck!.Path}",
            "--health-interval", $"{service.HealthCheck.IntervalSeconds}s", "--health-timeout", $"{service.HealthCheck.TimeoutSeconds}s",
            "--health-retries", $"{service.HealthCheck.Retries}",
        ];
        var published = service.Published ? new[] { "-p", $"127.0.0.1:{Port}:{service.Port}" } : [];
        var environment = service.Environment.SelectMany(e => new[] { "-e", $"{e.Key}={e.Value}" });
        return [.. run, .. published, .. environment, $"127.0.0.1:5000/{service.Image}:{service.Tag}", .. service.Command];
    }

    private static async Task UntilHealthyAsync(string container)
    {
        while (await Chain.RunAsync("docker", "inspect", "-f", "{{.State.Health.Status}}", container) != "healthy")
        {
            await Task.Delay(50);
        }
    }
}
