using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Hosting;

/// <summary>
/// What every server command shares: its logs on the console — one line per entry, or with <c>--log-format json</c>
/// one JSON object per line for a log collector — and settings from a file and environment variables.
/// </summary>
internal static class HostSetup
{
    public const string Json = "json";

    public static Option<string> LogFormatOption() => new Option<string>("--log-format")
    {
        Description = "text (one line per entry) or json (one JSON object per line, for log collectors)",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", Json);

    public static Action<ILoggingBuilder> Logging(string format = "text") => format == Json
        ? logging => logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        })
        : logging => logging.AddSimpleConsole(c => c.SingleLine = true);

    /// <summary>
    /// Writes a start-up line (addresses, where the token is): plain on stdout, or as a log entry when logs are JSON, so
    /// a collector reading stdout sees only JSON.
    /// </summary>
    public static Action<string> Announcer(string format, ILoggerFactory loggers)
    {
        if (format != Json)
        {
            return Console.WriteLine;
        }

        var logger = loggers.CreateLogger("Berth");
        return line => logger.LogInformation("{Line}", line);
    }

    /// <summary>
    /// <paramref name="option"/>, still answering to its former name for scripts written against it; <see cref="Value"/>
    /// warns when that name was used. Listen addresses are <c>--listen</c>; <c>--url</c> is the API's address everywhere.
    /// </summary>
    public static Option<T> Renamed<T>(Option<T> option, string formerName)
    {
        option.Aliases.Add(formerName);
        return option;
    }

    /// <summary>The option's value, with a warning on stderr when it was given by a former name.</summary>
    public static T? Value<T>(ParseResult parse, Option<T> option)
    {
        if (parse.GetResult(option)?.IdentifierToken?.Value is { } used && used != option.Name)
        {
            Console.Error.WriteLine($"warning: {used} is now {option.Name}");
        }

        return parse.GetValue(option);
    }

    /// <summary>
    /// The options <paramref name="bind"/> reads from <paramref name="section"/>; a value that does not convert
    /// (<c>"many"</c> for a number) is a bad setting named like the others, not the binder's exception. (A delegate, not
    /// a generic bind: NativeAOT's binder generator needs each call on its concrete type.)
    /// </summary>
    public static T Bound<T>(string section, Func<T> bind)
    {
        try
        {
            return bind();
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(section, typeof(T), [e.Message]);
        }
    }

    public static Option<string?> ConfigOption() => new("--config")
    {
        Description = $"a JSON settings file (default ${ConfigurationLayers.FileVariable}, else {ConfigurationLayers.DefaultFile} when it exists); {ConfigurationLayers.Prefix} variables and flags go over it",
    };

    /// <summary>The settings' layers (<see cref="ConfigurationLayers"/>), warning on stderr of variables that should gain the prefix.</summary>
    public static IConfiguration Configuration(string? file)
    {
        var layers = ConfigurationLayers.Read(file, Environment.GetEnvironmentVariables());
        foreach (var warning in layers.Warnings())
        {
            Console.Error.WriteLine(warning);
        }

        return layers.Root;
    }
}
