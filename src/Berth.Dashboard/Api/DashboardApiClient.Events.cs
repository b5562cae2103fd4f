using System.Runtime.CompilerServices;
using Berth.Contracts;

namespace Berth.Dashboard.Api;

public sealed partial class DashboardApiClient
{
    /// <summary><c>GET /v1/apps/{id}/events</c>: the latest events, or those after a sequence number, oldest first.</summary>
    public Task<ApiResult<AppEventView[]>> ListEventsAsync(string id, long? after, CancellationToken cancellationToken) =>
        SendAsync<AppEventView[]>(HttpMethod.Get, $"v1/apps/{Escape(id)}/events" + (after is { } a ? $"?after={a}" : ""), null, cancellationToken);

    /// <summary>
    /// <c>GET /v1/apps/{id}/logs?follow=true&amp;tail=N[&amp;instance=ID]</c>, line by line, until cancelled or the
    /// stream ends. A refusal or an outage ends the sequence with <paramref name="onProblem"/> called once.
    /// </summary>
    public async IAsyncEnumerable<string> FollowLogsAsync(
        string id, int tail, string? instance, Action<ApiProblem> onProblem, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"v1/apps/{Escape(id)}/logs?follow=true&tail={tail}" + (instance is null ? "" : $"&instance={Escape(instance)}");
        using var request = Request(HttpMethod.Get, path, session.Token);
        HttpResponseMessage response;
        try
        {
            response = await Http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            onProblem(Fail<bool>(ApiProblem.NoAnswer($"the Berth API is unreachable ({e.Message})"), optional: false).Problem!);
            yield break;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                onProblem(Fail<bool>(await ProblemOfAsync(response, cancellationToken), optional: false).Problem!);
                yield break;
            }

            status.Report(null);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken);
                }
                catch (IOException e)
                {
                    onProblem(ApiProblem.NoAnswer($"the log stream broke off ({e.Message})"));
                    yield break;
                }

                if (line is null)
                {
                    yield break;
                }

                yield return line;
            }
        }
    }
}
