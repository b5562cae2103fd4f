using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

public sealed class EnvFileInlinerTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["common.env"] = "A=from-common\nB=from-common\n",
        ["web.env"] = "B=from-web\nC=from-web\n",
    };

    private static string Read(string path) => Files.TryGetValue(path, out var content) ? content : throw new FileNotFoundException(path);

    [Fact]
    public void Inline_EnvFiles_MergedLaterFileThenEnvironmentWinning()
    {
        var yaml = EnvFileInliner.Inline("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    env_file: [common.env, web.env]\n    environment:\n      - C=own\n", Read);

        var service = Compose.Valid(yaml).Services[0];
        Assert.Equal(new Dictionary<string, string> { ["A"] = "from-common", ["B"] = "from-web", ["C"] = "own" }, service.Environment);
    }

    [Fact]
    public void Inline_OptionalMissingFile_IsSkipped()
    {
        var yaml = EnvFileInliner.Inline("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    env_file:\n      - path: missing.env\n        required: false\n      - path: web.env\n", Read);

        Assert.Equal("from-web", Compose.Valid(yaml).Services[0].Environment["C"]);
    }

    [Fact]
    public void Inline_RequiredMissingFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => EnvFileInliner.Inline("services:\n  web:\n    env_file: missing.env\n", Read));
    }

    [Fact]
    public void Inline_BadEnvFile_NamesTheFileAndLine()
    {
        var e = Assert.Throws<FormatException>(() => EnvFileInliner.Inline("services:\n  web:\n    env_file: bad.env\n", _ => "A=1\noops\n"));

        Assert.Equal("env_file bad.env, line 2: expected NAME=VALUE", e.Message);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: hello:v1\n    expose: [8080]\n")]
    [InlineData("services: [unclosed\n")]
    public void Inline_NoEnvFileOrInvalidYaml_TextUnchanged(string yaml)
    {
        Assert.Same(yaml, EnvFileInliner.Inline(yaml, Read));
    }
}
