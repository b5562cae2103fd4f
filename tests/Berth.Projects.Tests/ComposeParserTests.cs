using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

public sealed class ComposeParserTests
{
    private const string ThreeServices = """
        services:
          web:
            image: hello:v1
            ports: ["8080:8080"]
            environment:
              API_URL: http://api:8080
            depends_on:
              api:
                condition: service_healthy
          api:
            image: hello:v1
            expose: ["8080"]
            depends_on: [db]
          db:
            image: base/kv:2
            expose: [8080]
            volumes: ["data:/var/lib/kv"]
        volumes:
          data:
        """;

    [Fact]
    public void Parse_ThreeServices_ReadsEachInFileOrder()
    {
        var project = Compose.Valid(ThreeServices);

        Assert.Equal(["web", "api", "db"], project.Services.Select(s => s.Name));
        Assert.Equal(["data"], project.Volumes);
        var web = project.Services[0];
        Assert.Equal(("hello", "v1", 8080, true), (web.Image, web.Tag, web.Port, web.Published));
        Assert.Equal("http://api:8080", web.Environment["API_URL"]);
        Assert.Equal(new ComposeDependency("api", DependencyCondition.Healthy), Assert.Single(web.DependsOn));
        Assert.False(project.Services[1].Published);
        Assert.Equal(new ComposeDependency("db", DependencyCondition.Started), Assert.Single(project.Services[1].DependsOn));
        Assert.Equal(("base/kv", "2"), (project.Services[2].Image, project.Services[2].Tag));
        Assert.Equal(new ComposeVolumeMount("data", "/var/lib/kv", false), Assert.Single(project.Services[2].Volumes));
    }

    [Fact]
    public void Parse_ImageWithoutTag_TagIsLatest()
    {
        Assert.Equal("latest", Compose.Valid("services:\n  web:\n    image: hello\n    expose: [8080]\n").Services[0].Tag);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/hello:v1")]
    [InlineData("docker.io/library/nginx")]
    [InlineData("localhost/hello")]
    [InlineData("hello@sha256:abcd")]
    [InlineData("Hello:v1")]
    public void Parse_ImageOutsideBerthsRegistry_IsRefused(string image)
    {
        var error = Compose.SingleError($"services:\n  web:\n    image: \"{image}\"\n    expose: [8080]\n");

        Assert.Contains("service 'web': 'image'", error.Message);
        Assert.Equal((3, 12), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_EnvironmentAsList_ReadsNameValuePairs()
    {
        var service = Compose.OneService("    environment:\n      - A=1\n      - B=x=y\n      - C=\n");

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y", ["C"] = "" }, service.Environment);
    }

    [Fact]
    public void Parse_EnvironmentAsMap_ReadsNumbersAndBooleansAsText()
    {
        var service = Compose.OneService("    environment:\n      PORT: 8080\n      DEBUG: true\n      EMPTY: \"\"\n");

        Assert.Equal(new Dictionary<string, string> { ["DEBUG"] = "true", ["EMPTY"] = "", ["PORT"] = "8080" }, service.Environment);
    }

    [Theory]
    [InlineData("    environment:\n      - TOKEN\n")]
    [InlineData("    environment:\n      TOKEN:\n")]
    public void Parse_EnvironmentWithoutValue_IsRefusedNamingTheVariable(string body)
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n" + body);

        Assert.Contains("'TOKEN' has no value", error.Message);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void Parse_EnvironmentBadName_IsRefused()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    environment:\n      1X: a\n");

        Assert.Contains("'1X' is not a variable name", error.Message);
    }

    [Fact]
    public void Parse_EnvFile_IsLeftToTheClient()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    env_file: .env\n");

        Assert.Contains("'env_file' must be resolved by the client", error.Message);
        Assert.Equal((5, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_CommandAsString_IsSplitLikeAShell()
    {
        var service = Compose.OneService("    command: httpd -f -p 8080 -h '/www root' \"a \\\"b\\\"\"\n");

        Assert.Equal(["httpd", "-f", "-p", "8080", "-h", "/www root", "a \"b\""], service.Command);
    }

    [Fact]
    public void Parse_CommandAsList_KeepsEachArgument()
    {
        var service = Compose.OneService("    command: [\"sh\", \"-c\", \"echo a b\"]\n");

        Assert.Equal(["sh", "-c", "echo a b"], service.Command);
    }

    [Fact]
    public void Parse_CommandWithUnclosedQuote_IsRefused()
    {
        Assert.Contains("unclosed quote", Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    command: echo 'a\n").Message);
    }

    [Theory]
    [InlineData("service_started", DependencyCondition.Started)]
    [InlineData("service_healthy", DependencyCondition.Healthy)]
    [InlineData("service_completed_successfully", DependencyCondition.CompletedSuccessfully)]
    public void Parse_DependsOnLongForm_ReadsTheCondition(string condition, DependencyCondition expected)
    {
        var project = Compose.Valid($"services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    depends_on:\n      db:\n        condition: {condition}\n        required: true\n  db:\n    image: hello:v1\n    expose: [8080]\n");

        Assert.Equal(new ComposeDependency("db", expected), Assert.Single(project.Services[0].DependsOn));
    }

    [Fact]
    public void Parse_DependsOnUnknownCondition_IsRefused()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    depends_on:\n      db:\n        condition: service_ready\n  db:\n    image: hello:v1\n    expose: [8080]\n");

        Assert.Contains("condition 'service_ready' must be service_started, service_healthy or service_completed_successfully", error.Message);
        Assert.Equal((7, 20), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_DependsOnUnknownService_IsRefused()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    depends_on: [cache]\n");

        Assert.Contains("depends on 'cache', which is not a service of this file", error.Message);
    }

    [Fact]
    public void Parse_DependencyCycle_IsRefusedWithThePath()
    {
        var error = Compose.SingleError("services:\n  a:\n    image: hello:v1\n    expose: [8080]\n    depends_on: [b]\n  b:\n    image: hello:v1\n    expose: [8080]\n    depends_on: [a]\n");

        Assert.Contains("cycle: a -> b -> a", error.Message);
    }

    [Fact]
    public void Parse_DependsOnItself_IsRefused()
    {
        var result = Compose.Parse("services:\n  a:\n    image: hello:v1\n    expose: [8080]\n    depends_on: [a]\n");

        Assert.Contains(result.Errors, e => e.Message.Contains("cannot depend on itself"));
    }

    [Fact]
    public void Parse_HealthCheck_MapsTimingsAndTheTestsPath()
    {
        var service = Compose.OneService("""
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O-", "http://localhost:8080/cgi-bin/health?deep=1"]
                  interval: 1m30s
                  timeout: 500ms
                  retries: 4
                  start_period: 0s

            """);

        Assert.Equal(new ComposeHealthCheck { Path = "/cgi-bin/health?deep=1", IntervalSeconds = 90, TimeoutSeconds = 1, Retries = 4, StartSeconds = 0 }, service.HealthCheck);
    }

    [Fact]
    public void Parse_HealthCheckShellTest_FindsTheUrl()
    {
        var service = Compose.OneService("    healthcheck:\n      test: [\"CMD-SHELL\", \"curl -fs http://127.0.0.1/ready || exit 1\"]\n");

        Assert.Equal("/ready", service.HealthCheck!.Path);
    }

    [Fact]
    public void Parse_HealthCheckTestWithoutUrl_IsRefusedUnlessIgnored()
    {
        const string yaml = "services:\n  db:\n    image: hello:v1\n    expose: [8080]\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\n";

        Assert.Contains("healthcheck test must fetch http://localhost", Compose.SingleError(yaml).Message);
        var allowed = Compose.Parse(yaml, allowIgnored: true);
        Assert.True(allowed.Succeeded);
        Assert.Null(allowed.Project!.Services[0].HealthCheck!.Path);
        Assert.Contains("ignored", Assert.Single(allowed.Ignored).Message);
    }

    [Fact]
    public void Parse_BerthHealthPath_WinsOverTheTest()
    {
        var service = Compose.OneService("    healthcheck:\n      test: [\"CMD\", \"curl\", \"http://localhost/a\"]\n    x-berth:\n      health: /b\n");

        Assert.Equal("/b", service.HealthCheck!.Path);
    }

    [Theory]
    [InlineData("interval: 10", "interval must be a duration")]
    [InlineData("interval: 2h", "interval must be a duration")]
    [InlineData("retries: 0", "retries must be a whole number between 1 and 100")]
    [InlineData("disable: true", "Berth always checks a service's health")]
    public void Parse_HealthCheckBadValue_IsRefused(string line, string expected)
    {
        Assert.Contains(expected, Compose.SingleError($"services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    healthcheck:\n      {line}\n").Message);
    }

    [Fact]
    public void Parse_DeployReplicasAndLimits_AreRead()
    {
        var service = Compose.OneService("    deploy:\n      replicas: 3\n      resources:\n        limits:\n          memory: 256m\n          cpus: \"0.5\"\n");

        Assert.Equal((3, 256, 512), (service.Replicas, service.MemoryMb, service.CpuShares));
    }

    [Theory]
    [InlineData("replicas: 0", "replicas must be a whole number between 1 and 100")]
    [InlineData("resources:\n        limits:\n          memory: 1k", "memory must be an amount")]
    [InlineData("resources:\n        limits:\n          memory: lots", "memory must be an amount")]
    [InlineData("resources:\n        limits:\n          cpus: -1", "cpus must be a number of CPUs")]
    public void Parse_DeployBadValue_IsRefused(string lines, string expected)
    {
        Assert.Contains(expected, Compose.SingleError($"services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    deploy:\n      {lines}\n").Message);
    }

    [Fact]
    public void Parse_DeployUnsupportedKey_NamesItAndTheService()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    deploy:\n      update_config:\n        parallelism: 2\n");

        Assert.Contains("service 'web': 'deploy' update_config is not supported by Berth", error.Message);
        Assert.Contains("--allow-ignored", error.Message);
        Assert.Equal((6, 7), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("ports: [\"8080\"]", 8080, true)]
    [InlineData("ports: [\"80:8080\"]", 8080, true)]
    [InlineData("ports: [\"127.0.0.1:80:8080/tcp\"]", 8080, true)]
    [InlineData("ports:\n      - target: 9000\n        published: 80\n        protocol: tcp", 9000, true)]
    [InlineData("expose: [\"3000\"]", 3000, false)]
    [InlineData("expose: [3000]\n    ports: [\"3000\"]", 3000, true)]
    public void Parse_Ports_GiveTheHttpPortAndWhetherItIsPublished(string lines, int port, bool published)
    {
        var service = Compose.Valid($"services:\n  web:\n    image: hello:v1\n    {lines}\n").Services[0];

        Assert.Equal((port, published), (service.Port, service.Published));
    }

    [Theory]
    [InlineData("ports: [\"53:53/udp\"]", "is not TCP")]
    [InlineData("ports: [\"8000-8010:8000-8010\"]", "is a range")]
    [InlineData("ports: [\"80\", \"443\"]", "one HTTP port per service")]
    [InlineData("expose: [\"70000\"]", "between 1 and 65535")]
    [InlineData("ports:\n      - published: 80", "needs 'target'")]
    public void Parse_BadPorts_AreRefused(string lines, string expected)
    {
        Assert.Contains(expected, Compose.SingleError($"services:\n  web:\n    image: hello:v1\n    {lines}\n").Message);
    }

    [Fact]
    public void Parse_NoPort_IsRefusedSayingWhy()
    {
        var error = Compose.SingleError("services:\n  worker:\n    image: hello:v1\n");

        Assert.Contains("service 'worker' names no port in 'ports' or 'expose'", error.Message);
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_NamedVolumes_ShortAndLongForm()
    {
        var service = Compose.Valid("services:\n  db:\n    image: hello:v1\n    expose: [8080]\n    volumes:\n      - data:/data:ro\n      - type: volume\n        source: logs\n        target: /logs\nvolumes:\n  data: {}\n  logs:\n").Services[0];

        Assert.Equal([new ComposeVolumeMount("data", "/data", true), new ComposeVolumeMount("logs", "/logs", false)], service.Volumes);
    }

    [Theory]
    [InlineData("- ./site:/www", "bind mount")]
    [InlineData("- /srv:/www", "bind mount")]
    [InlineData("- /www", "anonymous volume")]
    [InlineData("- other:/www", "'other' is not declared")]
    [InlineData("- data:www", "absolute path")]
    [InlineData("- type: bind\n        source: /srv\n        target: /www", "type: volume")]
    public void Parse_BadMounts_AreRefused(string lines, string expected)
    {
        Assert.Contains(expected, Compose.SingleError($"services:\n  db:\n    image: hello:v1\n    expose: [8080]\n    volumes:\n      {lines}\nvolumes:\n  data:\n").Message);
    }

    [Fact]
    public void Parse_VolumeWithDriver_IsUnsupported()
    {
        var error = Compose.SingleError("services:\n  db:\n    image: hello:v1\n    expose: [8080]\nvolumes:\n  data:\n    driver: nfs\n");

        Assert.Contains("volume 'data': 'driver' is not supported by Berth", error.Message);
    }

    [Fact]
    public void Parse_Labels_MapAndList()
    {
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "" }, Compose.OneService("    labels:\n      a: 1\n      b: \"\"\n").Labels);
        Assert.Equal(new Dictionary<string, string> { ["com.example.x"] = "y" }, Compose.OneService("    labels: [\"com.example.x=y\"]\n").Labels);
    }

    [Fact]
    public void Parse_BerthLabel_IsRefused()
    {
        Assert.Contains("labels starting with 'berth.'", Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    labels:\n      berth.app: other\n").Message);
    }

    [Fact]
    public void Parse_BerthExtension_ReadsEverySetting()
    {
        var service = Compose.OneService("""
                x-berth:
                  strategy: binpack
                  constraints: ["labels.disk == ssd"]
                  domains: [shop.example.com]
                  health: /cgi-bin/health
                  group: backend

            """);

        Assert.Equal(new BerthServiceSettings
        {
            Strategy = "binpack",
            Constraints = ["labels.disk == ssd"],
            Domains = ["shop.example.com"],
            HealthPath = "/cgi-bin/health",
            Group = "backend",
        }, service.Berth);
        Assert.Equal("/cgi-bin/health", service.HealthCheck!.Path);
    }

    [Theory]
    [InlineData("strategy: fastest", "strategy must be spread, idle-cpu, binpack")]
    [InlineData("health: ping", "health must be an absolute path")]
    [InlineData("group: Back_End", "group must be a name")]
    [InlineData("replicas: 2", "'x-berth' replicas is not one of Berth's settings")]
    public void Parse_BerthExtensionBadValue_IsRefused(string line, string expected)
    {
        Assert.Contains(expected, Compose.SingleError($"services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    x-berth:\n      {line}\n").Message);
    }

    [Fact]
    public void Parse_BerthExtensionUnknownKey_StaysAnErrorWithAllowIgnored()
    {
        Assert.False(Compose.Parse("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    x-berth:\n      replica: 2\n", allowIgnored: true).Succeeded);
    }

    [Theory]
    [InlineData("privileged: true", "'privileged' is refused")]
    [InlineData("network_mode: host", "'network_mode' is refused")]
    [InlineData("devices: [\"/dev/fuse:/dev/fuse\"]", "'devices' is refused")]
    [InlineData("build: .", "'build' is refused")]
    [InlineData("cap_add: [NET_ADMIN]", "'cap_add' is refused")]
    public void Parse_RefusedKeys_AreNamedEvenWithAllowIgnored(string line, string expected)
    {
        var result = Compose.Parse($"services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    {line}\n", allowIgnored: true);

        var error = Assert.Single(result.Errors);
        Assert.Contains("service 'web': " + expected, error.Message);
        Assert.Equal((5, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_SeveralRefusedKeys_EachIsNamed()
    {
        var result = Compose.Parse("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    privileged: true\n    network_mode: host\n  db:\n    build: ./db\n    expose: [8080]\n    devices: []\n");

        Assert.Equal(
            ["line 5: service 'web': 'privileged'", "line 6: service 'web': 'network_mode'", "line 8: service 'db': 'build'", "line 10: service 'db': 'devices'"],
            result.Errors.Select(e => $"line {e.Line}: {e.Message[..e.Message.IndexOf(" is", StringComparison.Ordinal)]}"));
    }

    [Fact]
    public void Parse_UnsupportedServiceKey_IsAnErrorNamingKeyAndService()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    restart: always\n");

        Assert.Equal("service 'web': 'restart' is not supported by Berth (deploy with --allow-ignored to run without it)", error.Message);
        Assert.Equal((5, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_UnsupportedKeysWithAllowIgnored_AreListedAsWarnings()
    {
        var result = Compose.Parse("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    restart: always\n    stop_grace_period: 5s\nnetworks:\n  front: {}\n", allowIgnored: true);

        Assert.True(result.Succeeded);
        Assert.Equal(
            ["service 'web': 'restart' is not supported by Berth; ignored", "service 'web': 'stop_grace_period' is not supported by Berth; ignored", "the top-level key 'networks' is not supported by Berth; ignored"],
            result.Ignored.Select(i => i.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_ExtensionKeysAndVersion_AreAccepted()
    {
        var project = Compose.Valid("version: \"3.8\"\nname: shop\nx-common: &common\n  image: hello:v1\n  expose: [8080]\nservices:\n  web:\n    <<: *common\n    x-note: hi\n");

        Assert.Equal(("hello", 8080), (project.Services[0].Image, project.Services[0].Port));
    }

    [Fact]
    public void Parse_MergeKey_OwnKeysWin()
    {
        var project = Compose.Valid("x-base: &base\n  image: hello:v1\n  expose: [8080]\n  environment: {A: base}\nservices:\n  web:\n    <<: *base\n    environment: {A: own}\n");

        Assert.Equal("own", project.Services[0].Environment["A"]);
    }

    [Fact]
    public void Parse_InvalidYaml_GivesLineAndColumn()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n   expose: [8080]\n");

        Assert.StartsWith("not valid YAML: ", error.Message);
        Assert.Equal(4, error.Line);
        Assert.DoesNotContain("(Line", error.Message);
    }

    [Fact]
    public void Parse_UnclosedFlowSequence_GivesLineAndColumn()
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080\n");

        Assert.StartsWith("not valid YAML", error.Message);
        Assert.True(error.Line >= 4, error.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("- a\n- b\n", "must be a mapping")]
    [InlineData("name: shop\n", "has no 'services'")]
    [InlineData("services: web\n", "'services' must be a mapping")]
    [InlineData("services: {}\n", "defines no service")]
    [InlineData("a: 1\n---\nb: 2\n", "one YAML document")]
    public void Parse_NotACompose_IsRefused(string yaml, string expected)
    {
        Assert.Contains(expected, Compose.SingleError(yaml).Message);
    }

    [Fact]
    public void Parse_ServiceWithoutImage_IsRefused()
    {
        Assert.Contains("service 'web' has no 'image'", Compose.SingleError("services:\n  web:\n    expose: [8080]\n").Message);
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("web_1")]
    [InlineData("-web")]
    public void Parse_ServiceNameNotADnsLabel_IsRefused(string name)
    {
        Assert.Contains("names must be DNS labels", Compose.SingleError($"services:\n  {name}:\n    image: hello:v1\n    expose: [8080]\n").Message);
    }

    [Fact]
    public void Parse_AppIdTooLong_IsRefusedNamingIt()
    {
        var error = Compose.SingleError($"services:\n  {new string('s', 36)}:\n    image: hello:v1\n    expose: [8080]\n");

        Assert.Contains($"app id 'shop-{new string('s', 36)}' must be at most 40 characters", error.Message);
    }

    [Fact]
    public void Parse_TooLarge_IsRefused()
    {
        Assert.Contains("larger than", Compose.SingleError("# " + new string('x', ComposeParser.MaxLength)).Message);
    }

    [Fact]
    public void Parse_ErrorsInSeveralServices_AreAllReported()
    {
        var result = Compose.Parse("services:\n  a:\n    image: hello:v1\n    expose: [8080]\n    restart: always\n  b:\n    image: hello:v1\n    expose: [8080]\n    links: [a]\n");

        Assert.Equal(["service 'a': 'restart'", "service 'b': 'links'"], result.Errors.Select(e => e.Message[..e.Message.IndexOf(" is", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Parse_DoubleDollar_IsALiteralDollar()
    {
        var service = Compose.OneService("    environment:\n      PRICE: \"$$5\"\n    command: [\"sh\", \"-c\", \"echo $$HOME $$\"]\n");

        Assert.Equal("$5", service.Environment["PRICE"]);
        Assert.Equal("echo $HOME $", service.Command[2]);
    }

    [Theory]
    [InlineData("    environment:\n      URL: http://${HOST}/\n")]
    [InlineData("    command: echo $HOME\n")]
    public void Parse_Interpolation_IsRefused(string body)
    {
        var error = Compose.SingleError("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n" + body);

        Assert.Contains("uses variable interpolation", error.Message);
    }
}
