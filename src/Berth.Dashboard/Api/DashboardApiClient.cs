using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Contracts;
using Berth.Dashboard.Relay;
using Berth.Dashboard.Session;

namespace Berth.Dashboard.Api;

/// <summary>
/// The dashboard's only way to Berth's state: the public HTTP API, called with the signed-in token, so a person sees
/// and changes exactly what the API lets that token see and change. One per circuit.
/// </summary>
public sealed partial class DashboardApiClient(
    IHttpClientFactory clients, ApiAddress address, DashboardSession session, ApiStatus status, DashboardRelay relay, BrowserAddress browser)
{
    /// <summary>The name of the <see cref="HttpClient"/> the dashboard calls the API with.</summary>
    public const string HttpClientName = "berth-dashboard-api";

    // Ordinary calls end well within this; the log stream is the one call without a limit.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Calls the API with the signed-in token; a body, when given, is sent as JSON.</summary>
    private Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(method, path, body, session.Token, cancellationToken);

    /// <param name="optional">
    /// True for calls whose failure the page shrugs off (suggestions): they neither raise nor clear the outage banner.
    /// </param>
    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, string? token, CancellationToken cancellationToken, bool optional = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            using var request = Request(method, path, token);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: DashboardJson.Options);
            }

            using var response = await Http().SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Fail<T>(await ProblemOfAsync(response, timeout.Token), optional);
            }

            if (!optional)
            {
                status.Report(null);
            }

            if (typeof(T) == typeof(bool))
            {
                return new ApiResult<T>((T)(object)true, null);
            }

            var value = await response.Content.ReadFromJsonAsync<T>(DashboardJson.Options, timeout.Token);
            return new ApiResult<T>(value, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<T>(ApiProblem.NoAnswer($"the Berth API did not answer within {CallTimeout.TotalSeconds:0} s"), optional);
        }
        catch (HttpRequestException e)
        {
            return Fail<T>(ApiProblem.NoAnswer($"the Berth API is unreachable ({e.Message})"), optional);
        }
        catch (JsonException e)
        {
            return Fail<T>(ApiProblem.NoAnswer($"the Berth API answered with something unexpected ({e.Message})"), optional);
        }
    }

    private ApiResult<T> Fail<T>(ApiProblem problem, bool optional)
    {
        if (!optional)
        {
            status.Report(problem);
        }

        return new ApiResult<T>(default, problem);
    }

    private HttpClient Http() => clients.CreateClient(HttpClientName);

    private HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, new Uri(address.Get(), path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (browser.Value is { } client)
        {
            request.Headers.Add(DashboardRelay.KeyHeader, relay.Key);
            request.Headers.Add(DashboardRelay.ClientHeader, client.ToString());
        }

        return request;
    }

    private static async Task<ApiProblem> ProblemOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ProblemBody? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<ProblemBody>(DashboardJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Not every error comes from Berth (a proxy in between may answer in HTML): the status line still says enough.
        }

        var message = new[] { body?.Detail, body?.Title }.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m))
            ?? $"{status} {response.ReasonPhrase}".TrimEnd();
        if (status >= 500)
        {
            message = $"the Berth API failed: {message}";
        }

        return new ApiProblem(status, message, body?.Errors ?? []);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
