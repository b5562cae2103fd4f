using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Security.Limits;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane;

/// <summary>
/// Every rule <see cref="BerthOptions"/> must meet, each failure a sentence naming the setting, checked before the
/// control plane opens its database or reaches an engine: a bad value fails the start, not the first deploy.
/// </summary>
public sealed class BerthOptionsValidator : IValidateOptions<BerthOptions>
{
    public ValidateOptionsResult Validate(string? name, BerthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Require(failures, !string.IsNullOrWhiteSpace(options.DataDirectory), "Berth:DataDirectory must name a folder.");
        Require(failures, IsHttpUrl(options.ApiUrl), $"Berth:ApiUrl must be an http:// or https:// URL such as http://127.0.0.1:7070, not '{options.ApiUrl}'.");
        Require(failures, !string.IsNullOrWhiteSpace(options.Registry) && !options.Registry.Contains("://", StringComparison.Ordinal),
            $"Berth:Registry must be a registry address such as 127.0.0.1:5000 (no scheme), not '{options.Registry}'.");
        Require(failures, IsBareDomain(options.BaseDomain), $"Berth:BaseDomain must be a bare domain name such as 'localhost' or 'apps.example.com', not '{options.BaseDomain}'.");
        Require(failures, !string.IsNullOrWhiteSpace(options.LocalHostName), "Berth:LocalHostName must not be empty.");
        Require(failures, Uri.TryCreate(options.LocalEngine, UriKind.Absolute, out _), $"Berth:LocalEngine must be an engine URL such as unix:///var/run/docker.sock, not '{options.LocalEngine}'.");
        Require(failures, System.Net.IPAddress.TryParse(options.LocalAdvertiseIp, out _), $"Berth:LocalAdvertiseIp must be an IP address, not '{options.LocalAdvertiseIp}'.");
        Require(failures, IsPortRange(options.LocalPortRange), $"Berth:LocalPortRange must be START-END with 1 <= START <= END <= 65535, not '{options.LocalPortRange}'.");
        Positive(failures, "Berth:LocalCpuOvercommit", options.LocalCpuOvercommit);
        Positive(failures, "Berth:StartupTimeoutSeconds", options.StartupTimeoutSeconds);
        Positive(failures, "Berth:LaunchParallelism", options.LaunchParallelism);
        Positive(failures, "Berth:PortBlockMinutes", options.PortBlockMinutes);
        Positive(failures, "Berth:RegistryTokenSeconds", options.RegistryTokenSeconds);
        Positive(failures, "Berth:AuthFailuresPerMinute", options.AuthFailuresPerMinute);
        Positive(failures, "Berth:MaxWaitsPerTenant", options.MaxWaitsPerTenant);
        Require(failures, string.IsNullOrEmpty(options.SecretKey) || IsKey(options.SecretKey), "Berth:SecretKey must be 32 bytes in base64.");
        Require(failures, options.RegistrySigningKey is null || File.Exists(options.RegistrySigningKey),
            $"Berth:RegistrySigningKey '{options.RegistrySigningKey}' does not exist.");
        foreach (var server in options.DomainNameServers.Where(s => !System.Net.IPEndPoint.TryParse(s, out _)))
        {
            failures.Add($"Berth:DomainNameServers must list ip:port endpoints such as 127.0.0.1:53, not '{server}'.");
        }

        foreach (var client in options.Metrics.AdminClients.Where(c => !ApiNetworkSettings.TryParseRange(c, out _)))
        {
            failures.Add($"Berth:Metrics:AdminClients must list IP addresses or CIDR ranges such as 10.0.0.0/8, not '{client}'.");
        }

        ValidateHealing(failures, options.Healing);
        Positive(failures, "Berth:Metrics:Interval", options.Metrics.Interval);
        ValidateProvisioning(failures, options.Provisioning);
        Positive(failures, "Berth:Autoscale:Interval", options.Autoscale.Interval);
        Require(failures, options.Autoscale.StabilizationWindow >= TimeSpan.Zero, "Berth:Autoscale:StabilizationWindow must not be negative.");
        Require(failures, options.Autoscale.Tolerance is >= 0 and < 1, $"Berth:Autoscale:Tolerance must be at least 0 and below 1, not {options.Autoscale.Tolerance}.");
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure of <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(BerthOptions options)
    {
        if (new BerthOptionsValidator().Validate(null, options) is { Failed: true } result)
        {
            throw new OptionsValidationException(BerthOptions.Section, options.GetType(), result.Failures);
        }
    }

    private static void ValidateHealing(List<string> failures, Health.SelfHealingOptions healing)
    {
        Positive(failures, "Berth:Healing:ReconcileInterval", healing.ReconcileInterval);
        Positive(failures, "Berth:Healing:HeartbeatInterval", healing.HeartbeatInterval);
        Positive(failures, "Berth:Healing:HeartbeatTimeout", healing.HeartbeatTimeout);
        Positive(failures, "Berth:Healing:HeartbeatMisses", healing.HeartbeatMisses);
        // Zero is allowed: it turns the port survey off.
        Require(failures, healing.PortSurveyInterval >= TimeSpan.Zero, "Berth:Healing:PortSurveyInterval must not be negative (zero turns the survey off).");
        Positive(failures, "Berth:Healing:RestartBackoff", healing.RestartBackoff);
        Require(failures, healing.MaxRestartBackoff >= healing.RestartBackoff, "Berth:Healing:MaxRestartBackoff must not be shorter than Berth:Healing:RestartBackoff.");
        Positive(failures, "Berth:Healing:BackoffReset", healing.BackoffReset);
        Require(failures, healing.FailureLogLines >= 0, "Berth:Healing:FailureLogLines must not be negative.");
        Positive(failures, "Berth:Healing:LeaderTtl", healing.LeaderTtl);
    }

    private static void ValidateProvisioning(List<string> failures, Provisioning.ProvisioningOptions provisioning)
    {
        Require(failures, provisioning.Executable is null || File.Exists(provisioning.Executable),
            $"Berth:Provisioning:Executable '{provisioning.Executable}' does not exist.");
        Positive(failures, "Berth:Provisioning:MaxHosts", provisioning.MaxHosts);
        Require(failures, provisioning.Cooldown >= TimeSpan.Zero, "Berth:Provisioning:Cooldown must not be negative.");
        Require(failures, provisioning.EmptyHostTime >= TimeSpan.Zero, "Berth:Provisioning:EmptyHostTime must not be negative.");
        Positive(failures, "Berth:Provisioning:ReapInterval", provisioning.ReapInterval);
        Positive(failures, "Berth:Provisioning:CommandTimeout", provisioning.CommandTimeout);
        Positive(failures, "Berth:Provisioning:EngineTimeout", provisioning.EngineTimeout);
    }

    private static void Require(List<string> failures, bool holds, string failure)
    {
        if (!holds)
        {
            failures.Add(failure);
        }
    }

    private static void Positive(List<string> failures, string key, int value) =>
        Require(failures, value > 0, $"{key} must be positive, not {value}.");

    private static void Positive(List<string> failures, string key, TimeSpan value) =>
        Require(failures, value > TimeSpan.Zero, $"{key} must be positive, not {value}.");

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsBareDomain(string? domain) =>
        !string.IsNullOrEmpty(domain) && !domain.StartsWith('.') && !domain.EndsWith('.') && domain.IndexOfAny([':', '/', ' ']) < 0;

    private static bool IsPortRange(string? text)
    {
        try
        {
            PortRange.Parse(text ?? "");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsKey(string base64)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length == 32;
    }
}
