using System.Net;
using System.Text.RegularExpressions;
using Berth.Contracts;
using Berth.ControlPlane.Hosting;
using Berth.Core.Hosts;

namespace Berth.ControlPlane.Apis;

/// <summary>Checks host requests and turns them into a <see cref="Host"/> (capacity still unknown), or lists what is wrong.</summary>
internal static partial class HostValidation
{
    public static (Host? Host, Dictionary<string, string[]> Errors) Validate(CreateHostRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok && !errors.ContainsKey(field))
            {
                errors[field] = [message];
            }
        }

        Check(request.Name is not null && NamePattern().IsMatch(request.Name), "name",
            "must be 1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen");
        var engine = ParseEngine(request.Engine);
        Check(engine is not null, "engine", "must be unix:///path/to/docker.sock or tcp://host:port");
        Check(request.AdvertiseIp is not null && IPAddress.TryParse(request.AdvertiseIp, out _), "advertiseIp", "must be an IP address such as 10.0.0.5");
        var (start, end) = (25000, 25999);
        try
        {
            (start, end) = request.PortRange is null ? (start, end) : PortRange.Parse(request.PortRange);
        }
        catch (FormatException e)
        {
            Check(false, "portRange", e.Message);
        }

        CheckLabels(request.Labels, Check);
        EngineTls? tls = null;
        if (request.Tls is { } files)
        {
            Check(engine?.Scheme == "tcp", "tls", "applies to tcp:// engines only");
            CheckFile(files.CaFile, "tls.caFile", Check);
            CheckFile(files.CertFile, "tls.certFile", Check);
            CheckFile(files.KeyFile, "tls.keyFile", Check);
            tls = new EngineTls(files.CaFile ?? "", files.CertFile ?? "", files.KeyFile ?? "");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Host
        {
            Name = request.Name!,
            Engine = request.Engine!,
            Tls = tls,
            AdvertiseIp = request.AdvertiseIp!,
            PortRangeStart = start,
            PortRangeEnd = end,
            Labels = request.Labels ?? new Dictionary<string, string>(),
        }, errors);
    }

    /// <summary>The errors of a label set: keys as constraints can name them, values without control characters.</summary>
    public static Dictionary<string, string[]> ValidateLabels(IReadOnlyDictionary<string, string>? labels)
    {
        var errors = new Dictionary<string, string[]>();
        CheckLabels(labels, (ok, field, message) =>
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        });
        return errors;
    }

    private static void CheckLabels(IReadOnlyDictionary<string, string>? labels, Action<bool, string, string> check)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            check(LabelKeyPattern().IsMatch(key), $"labels.{key}", "keys are 1-63 letters, digits and _ . - / :");
            check(value is { Length: <= 255 } && !value.Any(char.IsControl), $"labels.{key}", "values are at most 255 characters, without control characters");
        }
    }

    private static void CheckFile(string? path, string field, Action<bool, string, string> check) =>
        check(path is not null && Path.IsPathFullyQualified(path) && File.Exists(path), field, $"must be the absolute path of a readable PEM file on the server ({path ?? "missing"})");

    private static Uri? ParseEngine(string? engine)
    {
        if (engine is null || !Uri.TryCreate(engine, UriKind.Absolute, out var uri))
        {
            return null;
        }
        return uri.Scheme switch
        {
            "unix" when uri.AbsolutePath.Length > 1 => uri,
            "tcp" when uri.Host.Length > 0 && !uri.IsDefaultPort && uri.AbsolutePath == "/" => uri,
            _ => null,
        };
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_.\\-/:]{1,63}$")]
    private static partial Regex LabelKeyPattern();
}
