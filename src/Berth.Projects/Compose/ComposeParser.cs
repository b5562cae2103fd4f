using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Berth.Projects.Compose;

/// <summary>
/// Reads the Compose Specification's common subset from YAML text (YamlDotNet's node model, so every problem has a
/// line and column). Whatever Berth does not implement is an error naming the key and the service, or a warning
/// when the caller allows ignored keys; nothing is dropped silently. No I/O: <c>env_file</c> is resolved by the
/// client beforehand (<see cref="EnvFileInliner"/>).
/// </summary>
public static class ComposeParser
{
    /// <summary>The largest compose file read, so a request body cannot make the server build a huge node tree.</summary>
    public const int MaxLength = 256 * 1024;

    public static ComposeParseResult Parse(string yaml, ComposeParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        options ??= new ComposeParseOptions();
        if (yaml.Length > MaxLength)
        {
            return Failed(new ComposeProblem($"the compose file is larger than {MaxLength / 1024} KiB", 1, 1));
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return Failed(new ComposeProblem($"not valid YAML: {YamlErrors.Describe(e)}", (int)e.Start.Line, (int)e.Start.Column));
        }

        if (stream.Documents.Count != 1)
        {
            return Failed(new ComposeProblem(stream.Documents.Count == 0 ? "the compose file is empty" : "the compose file must hold one YAML document", 1, 1));
        }

        var reader = new ComposeReader(options);
        var project = reader.Read(stream.Documents[0].RootNode);
        return reader.Errors.Count == 0 && project is not null
            ? new ComposeParseResult(project, [], reader.Ignored)
            : new ComposeParseResult(null, reader.Errors, reader.Ignored);
    }

    private static ComposeParseResult Failed(ComposeProblem problem) => new(null, [problem], []);
}
