using System.Text.RegularExpressions;
using Berth.Core.Apps;
using Berth.Contracts;
using Berth.ControlPlane.Security.Registry;

namespace Berth.ControlPlane.Apis;

/// <summary>Checks a create-app request and turns it into an <see cref="App"/>, or lists what is wrong.</summary>
internal static partial class AppValidation
{
    public const int MaxEnv = 100;
    public const int MaxEnvValue = 32 * 1024;

    public static (App? App, Dictionary<string, string[]> Errors) Validate(CreateAppRequest request, string tenant, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        var defaults = new HealthCheckSpec();
        var check = request.HealthCheck;
        var onFailure = FailurePolicy.Restart;
        Check(AppId.IsValid(request.Id), "id", "must be a DNS label: 1-40 lowercase letters, digits or hyphens, not starting or ending with a hyphen");
        Check(request.Image is null || RepositoryName.IsValid(request.Image), "image", "must be a registry repository name such as 'hello' or 'base/nginx'");
        Check(request.Port is null or (>= 1 and <= 65535), "port", "must be between 1 and 65535");
        Check(request.MemoryMb is null or (>= 6 and <= 1_048_576), "memoryMb", "must be between 6 and 1048576");
        Check(request.CpuShares is null or (>= 2 and <= 262_144), "cpuShares", "must be between 2 and 262144");
        Check(request.DrainSeconds is null or (>= 0 and <= 300), "drainSeconds", "must be between 0 and 300");
        Check(request.OnFailure is null || Enum.TryParse(request.OnFailure, ignoreCase: true, out onFailure) && !int.TryParse(request.OnFailure, out _),
            "onFailure", "must be restart, replace or remove");
        Check(request.Env is null || request.Env.Keys.All(k => EnvNamePattern().IsMatch(k)), "env", "names must be letters, digits and underscores, not starting with a digit");
        Check(request.Env is null || request.Env.Count <= MaxEnv && request.Env.All(e => e.Key.Length <= 128 && e.Value is { Length: <= MaxEnvValue }),
            "env", $"at most {MaxEnv} variables, names at most 128 characters, values set and at most {MaxEnvValue} characters");
        Check(check?.Path is null || (check.Path.StartsWith('/') && check.Path.Length <= 1024 && !check.Path.Any(char.IsControl)), "healthCheck.path", "must be an absolute path such as /_ping");
        Check(check?.IntervalSeconds is null or (>= 1 and <= 3600), "healthCheck.intervalSeconds", "must be between 1 and 3600");
        Check(check?.TimeoutSeconds is null or (>= 1 and <= 60), "healthCheck.timeoutSeconds", "must be between 1 and 60");
        Check(check?.Retries is null or (>= 1 and <= 100), "healthCheck.retries", "must be between 1 and 100");
        Check(check?.StartSeconds is null or (>= 0 and <= 3600), "healthCheck.startSeconds", "must be between 0 and 3600");
        var placement = PlacementValidation.Validate(request, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new App
        {
            Id = request.Id!,
            Tenant = tenant,
            Image = request.Image,
            Port = request.Port ?? 8080,
            MemoryMb = request.MemoryMb ?? 512,
            CpuShares = request.CpuShares ?? 1024,
            Env = request.Env ?? new Dictionary<string, string>(),
            HealthCheck = new HealthCheckSpec
            {
                Path = check?.Path ?? defaults.Path,
                IntervalSeconds = check?.IntervalSeconds ?? defaults.IntervalSeconds,
                TimeoutSeconds = check?.TimeoutSeconds ?? defaults.TimeoutSeconds,
                Retries = check?.Retries ?? defaults.Retries,
                StartSeconds = check?.StartSeconds ?? defaults.StartSeconds,
            },
            OnFailure = onFailure,
            DrainSeconds = request.DrainSeconds ?? 2,
            Placement = placement,
            CreatedAt = now,
            ReadOnlyRootFilesystem = request.ReadOnlyRootFilesystem ?? false,
        }, errors);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvNamePattern();
}
