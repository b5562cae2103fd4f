namespace Berth.Projects.Tests;

/// <summary>One-shot services: those another waits for with <c>service_completed_successfully</c>.</summary>
public sealed class OneShotParserTests
{
    private const string Web = "  web:\n    image: hello:v1\n    expose: [8080]\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n";

    [Fact]
    public void Parse_CompletedSuccessfullyDependency_MarksItOneShotAndNeedsNoPort()
    {
        var project = Compose.Valid("services:\n  migrate:\n    image: hello:v1\n    command: [\"true\"]\n" + Web);

        Assert.Equal([("migrate", true), ("web", false)], project.Services.Select(s => (s.Name, s.OneShot)));
    }

    [Fact]
    public void Parse_OneShotWithPorts_IsRefusedAsNotRouted()
    {
        var error = Compose.SingleError("services:\n  migrate:\n    image: hello:v1\n    ports: [\"8080:8080\"]\n" + Web);

        Assert.Contains("service 'migrate' runs to completion", error.Message);
        Assert.Contains("it cannot have 'ports'", error.Message);
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_OneShotWithReplicas_IsRefusedAsRunOnce()
    {
        var error = Compose.SingleError("services:\n  migrate:\n    image: hello:v1\n    deploy:\n      replicas: 2\n" + Web);

        Assert.Contains("deploy.replicas must be 1", error.Message);
    }

    [Fact]
    public void Parse_HealthyDependencyWithoutPort_IsStillRefused()
    {
        var error = Compose.SingleError("services:\n  migrate:\n    image: hello:v1\n" + Web.Replace("service_completed_successfully", "service_healthy"));

        Assert.Contains("service 'migrate' names no port", error.Message);
    }
}
