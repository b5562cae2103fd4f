using Berth.Gateway.Access;
using Microsoft.Extensions.Options;

namespace Berth.Gateway;

/// <summary>
/// Every rule <see cref="GatewayOptions"/> must meet, each failure a sentence naming the setting. The gateway checks
/// them at start; <c>berth gateway</c> checks them before it waits for discovery, so bad settings fail at once.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!GatewayOptions.IsValidBaseDomain(options.BaseDomain))
        {
            failures.Add("Gateway:BaseDomain must be a bare domain name such as 'localhost' or 'apps.example.com'.");
        }

        if (options.WatchRetryDelay <= TimeSpan.Zero)
        {
            failures.Add("Gateway:WatchRetryDelay must be positive.");
        }

        if (IpRangeSet.Parse(options.TrustedProxies, out var badProxies) is null || badProxies.Count > 0)
        {
            failures.Add("Gateway:TrustedProxies must list IP addresses or CIDR ranges such as 10.0.0.0/8.");
        }

        if (IpRangeSet.Parse(options.AdminClients, out var badClients) is null || badClients.Count > 0)
        {
            failures.Add("Gateway:AdminClients must list IP addresses or CIDR ranges such as 10.0.0.0/8.");
        }

        TimeSpan[] waits = [options.PassiveHealthBackoff, options.ConnectTimeout, options.ResponseTimeout, options.KeepAliveTimeout,
            options.RequestHeadersTimeout, options.UpstreamIdleTimeout, options.TransferIdleTimeout, options.TunnelIdleTimeout, options.WakeTimeout];
        if (waits.Any(t => t <= TimeSpan.Zero))
        {
            failures.Add("Gateway timeouts and back-offs must be positive.");
        }

        if (options.WakeHoldLimit < 1)
        {
            failures.Add("Gateway:WakeHoldLimit must be at least 1.");
        }

        if (options.HttpsRedirectPort is < 0 or > 65535)
        {
            failures.Add("Gateway:HttpsRedirectPort must be a port from 1 to 65535, or 0 for the HTTPS listener's own.");
        }

        if (!string.IsNullOrEmpty(options.HttpsUrl) && string.IsNullOrEmpty(options.LocalAuthorityDirectory))
        {
            failures.Add("Gateway:LocalAuthorityDirectory must name a folder when Gateway:HttpsUrl is set.");
        }

        if (!string.IsNullOrEmpty(options.SecretKey) && options.SecretKeyBytes() is null)
        {
            failures.Add("Gateway:SecretKey (or Berth:SecretKey) must be 32 bytes in base64, the control planes' Berth:SecretKey.");
        }

        if (!string.IsNullOrEmpty(options.AdminToken) && (options.AdminToken.Length < 32 || !options.AdminToken.All(char.IsAsciiLetterOrDigit)))
        {
            failures.Add("Gateway:AdminToken must be at least 32 letters or digits.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure of <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(GatewayOptions options)
    {
        if (new GatewayOptionsValidator().Validate(null, options) is { Failed: true } result)
        {
            throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), result.Failures);
        }
    }
}
