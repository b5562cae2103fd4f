using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// Reads a repository's tags from Berth's registry (Docker Distribution <c>GET /v2/{name}/tags/list</c>, following
/// its <c>Link</c> pages). In token mode the control plane signs itself a pull token for that one repository, as it does
/// for its own pulls. The registry is spoken to over HTTP on loopback and HTTPS elsewhere, as the engine does.
/// </summary>
internal sealed class RegistryTags(HttpClient http, RegistryTokenIssuer issuer, IOptions<BerthOptions> options)
{
    private const int MaxPages = 100;

    /// <summary>The repository's tags in the registry's order; empty when nothing was ever pushed to it.</summary>
    /// <exception cref="RegistryUnavailableException">The registry could not be reached or refused the request.</exception>
    public async Task<IReadOnlyList<string>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        var registry = options.Value.Registry;
        var next = new Uri($"{Scheme(registry)}://{registry}/v2/{repository}/tags/list?n=1000");
        var token = issuer.Enabled ? issuer.Issue(ControlPlaneRegistryCredentials.Subject, [new RegistryScope(RegistryScope.Repository, repository, [RegistryScope.Pull])]).Token : null;
        var tags = new List<string>();
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return tags;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new RegistryUnavailableException($"the registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase} for {repository}'s tags");
                }

                var list = await response.Content.ReadFromJsonAsync<TagList>(cancellationToken);
                tags.AddRange(list?.Tags ?? []);
                next = NextPage(response, next);
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
                or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new RegistryUnavailableException($"the registry {registry} cannot be read: {e.Message}", e);
            }
        }

        return tags;
    }

    /// <summary>Loopback registries speak plain HTTP (as the engine allows them to); any other needs TLS.</summary>
    private static string Scheme(string registry)
    {
        var host = registry.StartsWith('[') ? registry[1..registry.IndexOf(']', StringComparison.Ordinal)] : registry.Split(':')[0];
        return host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)) ? "http" : "https";
    }

    /// <summary>The next page from an RFC 5988 <c>Link: &lt;/v2/…&gt;; rel="next"</c> header, or null on the last.</summary>
    private static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var link = links.FirstOrDefault(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
        var (open, close) = (link?.IndexOf('<') ?? -1, link?.IndexOf('>') ?? -1);
        return link is not null && open >= 0 && close > open ? new Uri(current, link[(open + 1)..close]) : null;
    }

    private sealed record TagList(string? Name, IReadOnlyList<string>? Tags);
}
