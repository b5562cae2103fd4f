using Berth.Projects.Compose;
using Berth.Projects.Planning;

namespace Berth.Projects.Tests;

public sealed class ProjectDiffTests
{
    private const string Running = "services:\n  web:\n    image: hello:v1\n    ports: [8080]\n    environment: {A: '1', B: '2'}\n  kv:\n    image: hello:v1\n    expose: [8080]\n  old:\n    image: hello:v1\n    expose: [8080]\n";

    [Fact]
    public void Between_FirstDeploy_EveryServiceAdded()
    {
        var changes = ProjectDiff.Between(null, Compose.Valid(Running));

        Assert.All(changes, c => Assert.Equal(ChangeKind.Added, c.Kind));
    }

    [Fact]
    public void Between_SameDefinitionWrittenDifferently_Unchanged()
    {
        var reordered = "services:\n  kv:\n    expose: [\"8080\"]\n    image: hello:v1\n  web:\n    environment: [B=2, A=1]\n    image: hello:v1\n    ports: [\"8080:8080\"]\n  old:\n    image: hello:v1\n    expose: [8080]\n";

        var changes = ProjectDiff.Between(Compose.Valid(Running), Compose.Valid(reordered));

        Assert.All(changes, c => Assert.Equal(ChangeKind.Unchanged, c.Kind));
    }

    [Fact]
    public void Between_EnvironmentAndImageChanged_NamesTheKeys()
    {
        var next = Running.Replace("B: '2'", "B: '3'").Replace("  kv:\n    image: hello:v1", "  kv:\n    image: hello:v2");

        var changes = ProjectDiff.Between(Compose.Valid(Running), Compose.Valid(next)).ToDictionary(c => c.Service);

        Assert.Equal(new ServiceChange("web", ChangeKind.Changed, ["environment"]).ToString(), changes["web"].ToString());
        Assert.Equal(["tag"], changes["kv"].Keys);
    }

    [Fact]
    public void Between_ServiceAddedAndRemoved_ListedAfterTheNextRevisionsServices()
    {
        var next = Running.Replace("  old:", "  new:");

        var changes = ProjectDiff.Between(Compose.Valid(Running), Compose.Valid(next));

        Assert.Equal(["  web", "  kv", "+ new", "- old"], changes.Select(c => c.ToString()));
    }

    [Fact]
    public void ServiceApps_For_MapsTheServiceOntoAnApp()
    {
        var service = Compose.Valid("services:\n  db:\n    image: base/kv:2\n    expose: [9000]\n    command: serve --fast\n    volumes: [\"data:/data\"]\n    labels: {tier: data}\n    deploy:\n      resources:\n        limits: {memory: 128m}\n    x-berth:\n      strategy: binpack\n      health: /ready\nvolumes:\n  data:\n").Services[0];

        var app = ServiceApps.For("acme", "shop", service, DateTimeOffset.UnixEpoch);

        Assert.Equal(("shop-db", "acme", "base/kv", 9000, 128, 1024, "/ready", "binpack"), (app.Id, app.Tenant, app.Image, app.Port, app.MemoryMb, app.CpuShares, app.HealthCheck.Path, app.Placement.Strategy));
        var project = app.Project!;
        Assert.Equal(("shop", "db", "2", false), (project.Project, project.Service, project.ImageTag, project.Published));
        Assert.Equal(["serve", "--fast"], project.Command);
        Assert.Equal(new Berth.Core.Runtime.VolumeMount("data", "/data", false), Assert.Single(project.Volumes));
        Assert.Equal("data", project.Labels["tier"]);
        Assert.Equal("r3", ServiceApps.VersionOf(3));
    }
}
