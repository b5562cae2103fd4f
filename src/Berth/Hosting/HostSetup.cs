using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>
/// What every server command shares: its logs on the console — one line per entry, or with <c>--log-format json</c>
/// one JSON object per line for a log collector — and settings from environment variables.
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

    public static IConfiguration Configuration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}
