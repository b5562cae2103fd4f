using Berth.ControlPlane;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Hosting;

/// <summary>
/// A server's settings through the options pipeline, as the gateway's are: the <c>Berth</c> section bound, the command
/// line's flags over it, every rule checked before anything is opened.
/// </summary>
public static class ServerSettings
{
    /// <summary>
    /// The settings of <paramref name="configuration"/> with <paramref name="flags"/> applied last; throws
    /// <see cref="OptionsValidationException"/> naming each bad setting.
    /// </summary>
    public static BerthServerOptions Read(IConfiguration configuration, Action<BerthServerOptions> flags)
    {
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddOptions<BerthServerOptions>()
            // $BERTH_DATA is the data folder's default, below the configured one.
            .Configure(o => o.DataDirectory = Environment.GetEnvironmentVariable("BERTH_DATA") ?? o.DataDirectory)
            .BindConfiguration(BerthOptions.Section)
            .Configure(flags)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BerthServerOptions>, BerthServerOptionsValidator>();
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (InvalidOperationException e)
        {
            // A value that does not convert ("many" for a number) is a bad setting like the others, named by its key.
            throw new OptionsValidationException(BerthOptions.Section, typeof(BerthServerOptions), [e.Message]);
        }

        return provider.GetRequiredService<IOptions<BerthServerOptions>>().Value;
    }
}
