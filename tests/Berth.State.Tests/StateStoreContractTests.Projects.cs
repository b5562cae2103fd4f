using Berth.Core.Apps;
using Berth.Core.Projects;
using Berth.Core.Runtime;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IProjectStore Projects => (IProjectStore)Store;

    private static Project Project(string name = "shop", string tenant = "acme") => new()
    {
        Name = name,
        Tenant = tenant,
        Revision = 2,
        Compose = "services: {}\n",
        PreviousCompose = "services: {a: {}}\n",
        State = ProjectState.Running,
        Reason = "2 service(s) deployed",
        Warnings = ["line 4, column 5: service 'web': 'restart' is not supported by Berth; ignored"],
        CreatedAt = StateTestData.Epoch,
        UpdatedAt = StateTestData.Epoch.AddMinutes(1),
    };

    [Fact]
    public async Task CreateProjectAsync_EveryField_GetRoundTripsIt()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        var project = Project();

        await Projects.CreateProjectAsync(project, Ct);

        var read = await Projects.GetProjectAsync("shop", Ct);
        Assert.NotNull(read);
        Assert.Equal(project.Warnings, read.Warnings);
        Assert.Equal(project, read with { Warnings = project.Warnings });
    }

    [Fact]
    public async Task CreateProjectAsync_NameTakenByAnotherTenant_Conflict()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Projects.CreateProjectAsync(Project(), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Projects.CreateProjectAsync(Project(tenant: "globex"), Ct));
    }

    [Fact]
    public async Task ListProjectsAsync_TenantOrAll_ReturnsTheirsOrEvery()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Projects.CreateProjectAsync(Project("shop"), Ct);
        await Projects.CreateProjectAsync(Project("blog"), Ct);
        await Projects.CreateProjectAsync(Project("crm", "globex"), Ct);

        Assert.Equal(["blog", "crm", "shop"], (await Projects.ListProjectsAsync(null, Ct)).Select(p => p.Name));
        Assert.Equal(["blog", "shop"], (await Projects.ListProjectsAsync("acme", Ct)).Select(p => p.Name));
    }

    [Fact]
    public async Task UpdateProjectAsync_NewRevision_GetReturnsItAndDeleteForgetsIt()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        await Projects.CreateProjectAsync(Project(), Ct);
        var updated = Project() with { Revision = 3, Compose = "new", PreviousCompose = "services: {}\n", State = ProjectState.Failed, Reason = "db never healthy", Warnings = [] };

        await Projects.UpdateProjectAsync(updated, Ct);
        var read = await Projects.GetProjectAsync("shop", Ct);
        await Projects.DeleteProjectAsync("shop", Ct);

        Assert.Equal(updated, read! with { Warnings = updated.Warnings });
        Assert.Null(await Projects.GetProjectAsync("shop", Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Projects.UpdateProjectAsync(updated, Ct));
    }

    [Fact]
    public async Task CreateAppAsync_ProjectService_RoundTripsItsSettings()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        var service = new ProjectService
        {
            Project = "shop",
            Service = "db",
            ImageTag = "v2",
            Command = ["httpd", "-f"],
            Volumes = [new VolumeMount("data", "/data", true)],
            Labels = new Dictionary<string, string> { ["tier"] = "data" },
            Published = false,
        };

        await Store.CreateAppAsync(StateTestData.App("shop-db") with { Project = service }, Ct);

        var read = (await Store.GetAppAsync("shop-db", Ct))!.Project!;
        Assert.Equal((service.Project, service.Service, service.ImageTag, service.Published), (read.Project, read.Service, read.ImageTag, read.Published));
        Assert.Equal(service.Command, read.Command);
        Assert.Equal(service.Volumes, read.Volumes);
        Assert.Equal(service.Labels, read.Labels);
    }
}
