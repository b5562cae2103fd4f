using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Hosting;

/// <summary>Checks a built app's settings before it starts.</summary>
public static class StartupSettings
{
    /// <summary>
    /// Runs the validators registered with <c>ValidateOnStart</c> now: bad settings then surface as one
    /// <see cref="OptionsValidationException"/> the command line reports in a sentence, instead of the host logging it
    /// with a stack trace as it fails to start.
    /// </summary>
    public static WebApplication ValidateSettings(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }
}
