using YamlDotNet.Core;

namespace Berth.Projects.Compose;

/// <summary>YamlDotNet's messages carry their own position prefix; the problem states the position once.</summary>
internal static class YamlErrors
{
    public static string Describe(YamlException e)
    {
        var message = (e.InnerException as YamlException)?.Message ?? e.Message;
        var end = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && end > 0 ? message[(end + 3)..] : message;
    }
}
