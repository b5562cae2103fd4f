namespace Berth.Discovery.Gateway;

/// <summary>Custom domain names: lowercase host names of at least two labels, no wildcard, no IP literal.</summary>
public static class DomainNames
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>
    /// The domain in canonical form (lowercase, no trailing dot), or false with a reason a person can act on.
    /// </summary>
    public static bool TryNormalize(string? text, out string domain, out string reason)
    {
        domain = "";
        var candidate = (text ?? "").Trim().ToLowerInvariant();
        if (candidate.EndsWith('.'))
        {
            candidate = candidate[..^1];
        }

        reason = Check(candidate);
        if (reason.Length > 0)
        {
            return false;
        }

        domain = candidate;
        return true;
    }

    /// <summary>True when <paramref name="domain"/> (canonical) is <paramref name="parent"/> or a name under it.</summary>
    public static bool IsWithin(string domain, string parent) =>
        domain.Equals(parent, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase);

    private static string Check(string domain)
    {
        if (domain.Length is 0 or > MaxLength)
        {
            return $"must be a host name of 1 to {MaxLength} characters, such as www.example.com";
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return "must have at least two labels, such as example.com";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return $"label '{label}' must be 1 to {MaxLabelLength} letters, digits or hyphens, not starting or ending with a hyphen (no wildcards)";
            }
        }

        return labels[^1].All(char.IsAsciiDigit) ? "must be a name, not an IP address" : "";
    }
}
