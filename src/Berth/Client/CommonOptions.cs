using System.CommandLine;

namespace Berth.Client;

/// <summary>Options several commands share; each command gets its own instance.</summary>
internal static class CommonOptions
{
    /// <summary><c>--json</c>: print the API's answer as JSON instead of text for a person.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print the API's answer as JSON, for scripts, instead of text" };

    /// <summary><c>--no-wait</c>: return once the deployment is accepted.</summary>
    public static Option<bool> NoWait() => new("--no-wait") { Description = "Return once Berth has accepted the request, without following it" };

    /// <summary>The <c>APP</c> argument.</summary>
    public static Argument<string> App() => new("APP") { Description = "The app's id" };
}
