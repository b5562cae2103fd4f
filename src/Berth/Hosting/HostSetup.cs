using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Berth.Hosting;

/// <summary>What every server command shares: one console line per log entry, settings from environment variables.</summary>
internal static class HostSetup
{
    public static Action<ILoggingBuilder> Logging() => logging => logging.AddSimpleConsole(c => c.SingleLine = true);

    public static IConfiguration Configuration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}
