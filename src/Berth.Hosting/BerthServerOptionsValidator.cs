using Berth.ControlPlane;
using Microsoft.Extensions.Options;

namespace Berth.Hosting;

/// <summary>The control plane's rules (<see cref="BerthOptionsValidator"/>) and those of what the host adds beside it.</summary>
internal sealed class BerthServerOptionsValidator : IValidateOptions<BerthServerOptions>
{
    public ValidateOptionsResult Validate(string? name, BerthServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (new BerthOptionsValidator().Validate(name, options) is { Failed: true } controlPlane)
        {
            failures.AddRange(controlPlane.Failures);
        }

        // Empty means no in-process gateway; anything else is where it listens.
        if (!string.IsNullOrEmpty(options.GatewayUrl)
            && !(Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out var gateway) && gateway.Scheme == Uri.UriSchemeHttp))
        {
            failures.Add($"Berth:GatewayUrl must be an http:// URL such as http://127.0.0.1:7080 (HTTPS is Gateway:HttpsUrl), not '{options.GatewayUrl}'.");
        }

        if (string.IsNullOrEmpty(options.ApiTlsCert) != string.IsNullOrEmpty(options.ApiTlsKey))
        {
            failures.Add("Berth:ApiTlsCert and Berth:ApiTlsKey (--api-tls-cert, --api-tls-key) go together: give both or neither.");
        }

        foreach (var (key, file) in new[] { ("Berth:ApiTlsCert", options.ApiTlsCert), ("Berth:ApiTlsKey", options.ApiTlsKey) })
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                failures.Add($"{key}: there is no file {Path.GetFullPath(file)}.");
            }
        }

        if (string.IsNullOrEmpty(options.ApiTlsCert) && options.ApiUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Berth:ApiUrl {options.ApiUrl} is https:// but the API has no certificate: give --api-tls-cert and --api-tls-key.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure of <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(BerthServerOptions options)
    {
        if (new BerthServerOptionsValidator().Validate(null, options) is { Failed: true } result)
        {
            throw new OptionsValidationException(BerthOptions.Section, typeof(BerthServerOptions), result.Failures);
        }
    }
}
