using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

/// <summary>Parses compose text in tests, joining lines so each case reads as the file would.</summary>
internal static class Compose
{
    public static ComposeParseResult Parse(string yaml, bool allowIgnored = false, string? project = "shop") =>
        ComposeParser.Parse(yaml, new ComposeParseOptions { AllowIgnored = allowIgnored, ProjectName = project });

    public static ComposeProject Valid(string yaml)
    {
        var result = Parse(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Project!;
    }

    public static ComposeService OneService(string serviceBody) => Valid("services:\n  web:\n    image: hello:v1\n    expose: [\"8080\"]\n" + serviceBody).Services[0];

    public static ComposeProblem SingleError(string yaml)
    {
        var result = Parse(yaml);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }
}
