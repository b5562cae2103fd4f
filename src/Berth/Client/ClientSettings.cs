namespace Berth.Client;

/// <summary>Where the client talks to and with which token.</summary>
internal sealed record ClientSettings(Uri Url, string? Token)
{
    /// <summary>The URL used when nothing else names one.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7070";

    /// <summary>
    /// A PEM file of the authorities trusted for the API's certificate instead of the system's (<c>--cacert</c>, else
    /// <c>BERTH_CACERT</c>); null for the system's.
    /// </summary>
    public string? CaCertFile { get; init; }

    /// <summary>
    /// Resolves each of URL and token on its own, first match wins: the command-line option,
    /// then <c>BERTH_URL</c>/<c>BERTH_TOKEN</c>, then the saved config, then the defaults
    /// (the local URL and, only when <c>BERTH_DATA</c> is set, <c>$BERTH_DATA/admin.token</c>, which a local
    /// <c>berth up</c> writes there). No token file is picked up from whatever folder the user stands in: the checkout's
    /// <c>./berth</c> sets <c>BERTH_DATA</c> to its own data folder, which makes the quick start work without a login.
    /// The CA file is <paramref name="caCertOption"/>, else <c>BERTH_CACERT</c>, relative to the working directory.
    /// </summary>
    public static ClientSettings Resolve(string? urlOption, string? tokenOption, ClientEnvironment environment, string? caCertOption = null)
    {
        SavedConfig? saved = ConfigFile.Load(ConfigFile.PathFor(environment));
        string url = urlOption ?? environment.Get("BERTH_URL") ?? saved?.Url ?? DefaultUrl;
        string? token = tokenOption ?? environment.Get("BERTH_TOKEN") ?? saved?.Token ?? ReadAdminToken(environment);
        string? caCert = caCertOption ?? environment.Get("BERTH_CACERT");
        return new ClientSettings(ParseUrl(url), token)
        {
            CaCertFile = caCert is null ? null : Path.GetFullPath(caCert, environment.WorkingDirectory),
        };
    }

    /// <summary>Parses an http(s) URL, with a clear error for anything else.</summary>
    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ClientConfigException($"invalid Berth URL '{url}': expected something like {DefaultUrl}");
        }

        return uri;
    }

    private static string? ReadAdminToken(ClientEnvironment environment)
    {
        if (environment.Get("BERTH_DATA") is not { } data)
        {
            return null;
        }

        string dataDirectory = Path.Combine(environment.WorkingDirectory, data);
        string path = Path.Combine(dataDirectory, "admin.token");
        if (!File.Exists(path))
        {
            return null;
        }

        string token = File.ReadAllText(path).Trim();
        return token.Length > 0 ? token : null;
    }
}
