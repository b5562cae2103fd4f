namespace Berth.Runtime.Docker.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/hello:v1", "127.0.0.1:5000/hello", "v1", "127.0.0.1:5000", "hello")]
    [InlineData("127.0.0.1:5000/hello", "127.0.0.1:5000/hello", "latest", "127.0.0.1:5000", "hello")]
    [InlineData("localhost/team/app:1.2", "localhost/team/app", "1.2", "localhost", "team/app")]
    [InlineData("registry.example.com/app:v2", "registry.example.com/app", "v2", "registry.example.com", "app")]
    [InlineData("busybox", "busybox", "latest", "docker.io", "busybox")]
    [InlineData("library/busybox:1.36", "library/busybox", "1.36", "docker.io", "library/busybox")]
    [InlineData("127.0.0.1:5000/hello@sha256:abc", "127.0.0.1:5000/hello", "sha256:abc", "127.0.0.1:5000", "hello")]
    [InlineData("127.0.0.1:5000/hello:v1@sha256:abc", "127.0.0.1:5000/hello", "sha256:abc", "127.0.0.1:5000", "hello")]
    public void Parse_Reference_SplitsNameTagRegistryAndRepository(string image, string name, string tag, string registry, string repository)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal((name, tag, registry, repository), (reference.Name, reference.Tag, reference.Registry, reference.Repository));
    }

    [Theory]
    [InlineData("127.0.0.1:5000/hello", "127.0.0.1:5000/hello:latest")]
    [InlineData("127.0.0.1:5000/hello:v1", "127.0.0.1:5000/hello:v1")]
    [InlineData("hello@sha256:abc", "hello@sha256:abc")]
    public void ToString_Parsed_GivesFullReference(string image, string expected) =>
        Assert.Equal(expected, ImageReference.Parse(image).ToString());

    [Fact]
    public void Parse_Empty_Throws() => Assert.Throws<ArgumentException>(() => ImageReference.Parse(" "));
}
