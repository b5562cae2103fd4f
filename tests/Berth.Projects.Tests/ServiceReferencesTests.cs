using Berth.Projects.Planning;

namespace Berth.Projects.Tests;

public sealed class ServiceReferencesTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["UPSTREAM"] = "http://api:8080/cgi-bin/value",
        ["DATABASE_URL"] = "postgres://user:secret@db:5432/shop",
        ["OTHER"] = "http://cdn.example.com:443/x and api:80",
        ["PLAIN"] = "42",
    };

    [Fact]
    public void In_Environment_FindsEachNameWithPortNotPartOfALongerName()
    {
        Assert.Equal([("api", 8080), ("db", 5432), ("api", 80)], ServiceReferences.In(Environment));
    }

    [Fact]
    public void Rewrite_KnownService_ReplacesOnlyItsNameAndPort()
    {
        var rewritten = ServiceReferences.Rewrite(Environment, (service, port) => service == "api" && port == 8080 ? "172.31.1.1:26005" : null);

        Assert.Equal(new Dictionary<string, string> { ["UPSTREAM"] = "http://172.31.1.1:26005/cgi-bin/value" }, rewritten);
    }
}
