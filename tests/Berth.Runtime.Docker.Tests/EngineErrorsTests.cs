using System.Net;
using Docker.DotNet;

namespace Berth.Runtime.Docker.Tests;

public sealed class EngineErrorsTests
{
    [Fact]
    public void Reason_JsonBody_GivesMessage() =>
        Assert.Equal("No such container: x", EngineErrors.Reason(new DockerApiException(HttpStatusCode.NotFound, "{\"message\":\"No such container: x\"}\n")));

    [Fact]
    public void Reason_PlainBody_GivesBody() =>
        Assert.Equal("bad gateway", EngineErrors.Reason(new DockerApiException(HttpStatusCode.BadGateway, "bad gateway\n")));

    [Fact]
    public void Reason_EmptyBody_GivesStatus() =>
        Assert.Equal("502 BadGateway", EngineErrors.Reason(new DockerApiException(HttpStatusCode.BadGateway, "")));

    [Theory]
    [InlineData("manifest for 127.0.0.1:5000/hello:x not found: manifest unknown: manifest unknown", true)]
    [InlineData("pull access denied for app, repository does not exist or may require 'docker login'", true)]
    [InlineData("repository name not known to registry: name unknown", true)]
    [InlineData("Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused", false)]
    [InlineData("filesystem layer verification failed for digest sha256:abc", false)]
    public void MeansImageNotFound_PullError_Classifies(string error, bool expected) =>
        Assert.Equal(expected, EngineErrors.MeansImageNotFound(error));

    [Theory]
    [InlineData("driver failed programming external connectivity on endpoint x (abc): Bind for 127.0.0.1:25000 failed: port is already allocated", true)]
    [InlineData("driver failed programming external connectivity on endpoint x (abc): Error starting userland proxy: listen tcp4 127.0.0.1:25000: bind: address already in use", true)]
    [InlineData("OCI runtime create failed: container_linux.go:380: starting container process caused: exec: \"/nope\": no such file", false)]
    public void MeansHostPortInUse_StartError_Classifies(string error, bool expected) =>
        Assert.Equal(expected, EngineErrors.MeansHostPortInUse(error));
}
