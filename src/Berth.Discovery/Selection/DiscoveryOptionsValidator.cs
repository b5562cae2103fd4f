using Microsoft.Extensions.Options;

namespace Berth.Discovery.Selection;

/// <summary>Checks <see cref="DiscoveryOptions"/> before anything connects, with messages that say what to fix.</summary>
public sealed class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var provider = options.Provider?.Trim().ToLowerInvariant();
        if (provider is null || !DiscoveryProviders.All.Contains(provider))
        {
            errors.Add($"Discovery:Provider '{options.Provider}' is unknown; use one of: {string.Join(", ", DiscoveryProviders.All)}.");
        }
        else if (provider != DiscoveryProviders.Embedded)
        {
            if (options.Endpoints.Count == 0 || options.Endpoints.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"Discovery:Endpoints must list at least one address of the {provider} servers (and no empty entry).");
            }

            if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
            {
                errors.Add("Discovery:Username and Discovery:Password go together: set both or neither.");
            }

            if (string.IsNullOrEmpty(options.ClientCertFile) != string.IsNullOrEmpty(options.ClientKeyFile))
            {
                errors.Add("Discovery:ClientCertFile and Discovery:ClientKeyFile go together: set both or neither.");
            }

            foreach (var (setting, path) in new[] { ("CaFile", options.CaFile), ("ClientCertFile", options.ClientCertFile), ("ClientKeyFile", options.ClientKeyFile) })
            {
                if (!string.IsNullOrEmpty(path) && !File.Exists(path))
                {
                    errors.Add($"Discovery:{setting} '{path}' does not exist.");
                }
            }
        }

        if (options.SessionTimeoutSeconds <= 0)
        {
            errors.Add($"Discovery:SessionTimeoutSeconds must be positive, not {options.SessionTimeoutSeconds}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
