using Berth.Core.Services;

namespace Berth.Projects.Tests;

/// <summary>Services that run one of Berth's base images (postgres, mariadb, redis) by name.</summary>
public sealed class BaseImageParserTests
{
    private const string Password = "    environment:\n      BERTH_ADMIN_PASSWORD: secret\n";

    [Theory]
    [InlineData("postgres:15", ServiceType.Postgres, 5432, 256)]
    [InlineData("mariadb:10.11", ServiceType.Mariadb, 3306, 256)]
    [InlineData("redis:7", ServiceType.Redis, 6379, 128)]
    public void Parse_BaseImage_IsItsServerOnItsPortWithItsMemory(string image, ServiceType server, int port, int memoryMb)
    {
        var service = Compose.Valid($"services:\n  db:\n    image: {image}\n" + Password).Services[0];

        Assert.Equal((server, port, false, memoryMb), (service.Server, service.Port, service.Published, service.MemoryMb));
    }

    [Fact]
    public void Parse_OtherImage_HasNoServer()
    {
        Assert.Null(Compose.OneService("").Server);
    }

    [Fact]
    public void Parse_BaseImageWithExposeAndLimit_KeepsThem()
    {
        var service = Compose.Valid("services:\n  db:\n    image: redis:7\n    expose: [6380]\n    deploy: {resources: {limits: {memory: 64m}}}\n" + Password).Services[0];

        Assert.Equal((6380, 64), (service.Port, service.MemoryMb));
    }

    [Fact]
    public void Parse_BaseImageWithPorts_IsRefusedAsNotHttp()
    {
        var error = Compose.SingleError("services:\n  db:\n    image: postgres:15\n    ports: [\"5432:5432\"]\n" + Password);

        Assert.Contains("service 'db' runs the base image 'postgres'", error.Message);
        Assert.Contains("use 'expose'", error.Message);
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_BaseImageWithReplicas_IsRefusedAsOneServerPerVolume()
    {
        var error = Compose.SingleError("services:\n  db:\n    image: redis:7\n    deploy:\n      replicas: 2\n" + Password);

        Assert.Contains("deploy.replicas must be 1", error.Message);
    }

    [Fact]
    public void Parse_BaseImageWithoutPassword_IsRefusedNamingTheVariable()
    {
        var error = Compose.SingleError("services:\n  db:\n    image: mariadb:10.11\n");

        Assert.Contains("set BERTH_ADMIN_PASSWORD in 'environment'", error.Message);
    }
}
