using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class ProjectsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private static object Project(string state, string reason, string[] warnings) => new
    {
        name = "shop",
        tenant = "acme",
        revision = 1,
        state,
        reason,
        warnings,
        services = new[]
        {
            new { name = "web", app = "shop-web", image = "hello:v1", port = 8080, published = true, version = "r1", instances = 2, dependsOn = new object[] { new { service = "kv", condition = "service_healthy" } } },
            new { name = "kv", app = "shop-kv", image = "hello:v1", port = 8080, published = false, version = "r1", instances = 1, dependsOn = new object[0] },
        },
        createdAt = DateTimeOffset.UnixEpoch,
        updatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task Deploy_WithEnvFileAndAllowIgnored_SendsTheResolvedYamlPrintsWarningsAndFollows()
    {
        File.WriteAllText(Path.Combine(temp.Path, "kv.env"), "VALUE=42\n");
        var composePath = Path.Combine(temp.Path, "compose.yaml");
        File.WriteAllText(composePath, "services:\n  kv:\n    image: hello:v1\n    expose: [8080]\n    env_file: kv.env\n    restart: always\n");
        string? sent = null;
        string? query = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapPut("/v1/projects/shop", async (HttpRequest request) =>
            {
                sent = await new StreamReader(request.Body).ReadToEndAsync();
                query = request.QueryString.Value;
                return Results.Json(Project("deploying", "revision 1 accepted", ["line 6, column 5: service 'kv': 'restart' is not supported by Berth; ignored"]), statusCode: 202);
            });
            routes.MapGet("/v1/projects/shop", () => Results.Json(Project("running", "revision 1: 2 of 2 service(s) changed", [])));
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "projects", "deploy", "shop", "-f", composePath, "--allow-ignored", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("?allowIgnored=true", query);
        Assert.DoesNotContain("env_file", sent);
        Assert.Contains("VALUE: \"42\"", sent);
        Assert.Contains("warning: line 6, column 5: service 'kv': 'restart' is not supported by Berth; ignored", result.Out);
        Assert.Contains("running: revision 1: 2 of 2 service(s) changed", result.Out);
    }

    [Fact]
    public async Task Deploy_Refused_PrintsEachProblemAndFails()
    {
        var composePath = Path.Combine(temp.Path, "compose.yaml");
        File.WriteAllText(composePath, "services:\n  web:\n    privileged: true\n");
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/projects/shop", () => Results.Problem(
                "the compose file cannot be deployed:\nline 3, column 5: service 'web': 'privileged' is refused: containers never run privileged on Berth", statusCode: 400)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "projects", "deploy", "shop", "-f", composePath, "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3, column 5: service 'web': 'privileged' is refused", result.Error);
    }

    [Fact]
    public async Task Deploy_MissingEnvFile_FailsNamingIt()
    {
        var composePath = Path.Combine(temp.Path, "compose.yaml");
        File.WriteAllText(composePath, "services:\n  web:\n    env_file: missing.env\n");

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "projects", "deploy", "shop", "-f", composePath, "--url", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.env", result.Error);
    }

    [Fact]
    public async Task Ps_Project_TableOfServices()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/projects/shop", () => Results.Json(Project("running", "revision 1: 2 of 2 service(s) changed", []))));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "projects", "ps", "shop", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("shop: revision 1, running (revision 1: 2 of 2 service(s) changed)", lines[0]);
        Assert.StartsWith("SERVICE", lines[1]);
        Assert.Contains("kv (service_healthy)", lines[2]);
        Assert.Matches(@"^kv\s+shop-kv\s+hello:v1\s+8080\s+-\s+r1\s+1\s+-$", lines[3]);
    }

    [Fact]
    public async Task Diff_ChangedService_ListsItsKeys()
    {
        var composePath = Path.Combine(temp.Path, "compose.yaml");
        File.WriteAllText(composePath, "services: {}\n");
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPost("/v1/projects/shop/diff", () => Results.Json(new
            {
                project = "shop",
                revision = 1,
                changes = new[] { new { service = "web", change = "unchanged", keys = Array.Empty<string>() }, new { service = "kv", change = "changed", keys = new[] { "environment" } } },
                warnings = Array.Empty<string>(),
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "projects", "diff", "shop", "-f", composePath, "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^kv\s+changed\s+environment", result.Out);
        Assert.Matches(@"(?m)^web\s+unchanged\s+-", result.Out);
    }

    [Fact]
    public async Task RollbackAndRm_Project_FollowAndConfirm()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapPost("/v1/projects/shop/rollback", () => Results.Json(Project("deploying", "revision 3 accepted", []), statusCode: 202));
            routes.MapGet("/v1/projects/shop", () => Results.Json(Project("failed", "revision 3 failed, revision 2 keeps running: service 'kv': boom", [])));
            routes.MapDelete("/v1/projects/shop", () => Results.NoContent());
        });

        CliResult rollback = await CliRunner.RunAsync(temp.Environment(), "projects", "rollback", "shop", "--url", api.Url);
        CliResult rm = await CliRunner.RunAsync(temp.Environment(), "projects", "rm", "shop", "--url", api.Url);

        Assert.Equal(1, rollback.ExitCode);
        Assert.Contains("failed: revision 3 failed, revision 2 keeps running: service 'kv': boom", rollback.Out);
        Assert.Equal(0, rm.ExitCode);
        Assert.Contains("Project shop deleted.", rm.Out);
    }

    public void Dispose() => temp.Dispose();
}
