using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Bench.Shared;

namespace Berth.Bench.Autoscale;

/// <summary>
/// One app of the sample image under a load step: from one instance, the load starts; the side under test brings the
/// count to <see cref="Wanted"/> (the autoscaler, or a person through the API), the load ends, and the count goes back
/// to one. Times are from the load's start and from its end.
/// </summary>
internal sealed class LoadStep(BerthProcess berth, string id, int wanted)
{
    public int Wanted => wanted;

    public string Id => id;

    public static async Task<LoadStep> CreateAsync(BerthProcess berth, string id, int wanted)
    {
        (await berth.Admin.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 256, drainSeconds = 1 })).EnsureSuccessStatusCode();
        (await berth.Admin.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances = 1 })).EnsureSuccessStatusCode();
        await Http.UntilOkAsync($"{berth.GatewayUrl}/", host: $"{id}.localhost");
        return new LoadStep(berth, id, wanted);
    }

    /// <summary>
    /// Runs the load for <paramref name="duration"/> at <paramref name="perSecond"/>; <paramref name="atStart"/> is what the
    /// side does when it starts (nothing for the autoscaler) and <paramref name="atEnd"/> what it does when it ends.
    /// </summary>
    public async Task<StepResult> RunAsync(double perSecond, TimeSpan duration, Func<Task> atStart, Func<Task> atEnd)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        using var stop = new CancellationTokenSource();
        var reached = WatchCountAsync(clock, stop.Token);
        var load = new SteadyLoad(berth.GatewayUrl, id, perSecond).RunAsync(clock, duration);
        await atStart();
        var answers = await load;
        await stop.CancelAsync();
        var desiredAt = await reached;

        var ended = clock.Elapsed;
        await atEnd();
        await UntilInstancesAsync(1);
        var back = clock.Elapsed - ended;
        return new StepResult(answers, desiredAt, RoutedAt(answers), back, startedAt);
    }

    /// <summary>The app's autoscale decisions after <paramref name="since"/>, oldest first, each with its time from then.</summary>
    public async Task<IReadOnlyList<(TimeSpan After, string Message)>> DecisionsAsync(DateTimeOffset since)
    {
        var events = await berth.Admin.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/events?limit=1000");
        return events!.Where(e => e.GetProperty("type").GetString() == "autoscaled" && e.GetProperty("time").GetDateTimeOffset() >= since)
            .Select(e => (e.GetProperty("time").GetDateTimeOffset() - since, e.GetProperty("message").GetString()!))
            .ToList();
    }

    /// <summary>When the app's desired count first reached <see cref="Wanted"/>; null if it never did during the load.</summary>
    private async Task<TimeSpan?> WatchCountAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var app = await berth.Admin.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", cancellationToken);
                if (app.GetProperty("instances").GetInt32() >= wanted)
                {
                    return clock.Elapsed;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// When the answers first came from <see cref="Wanted"/> containers within one second: the new instances are routed.
    /// </summary>
    private TimeSpan? RoutedAt(IReadOnlyList<Answer> answers)
    {
        var ok = answers.Where(a => a.Status == 200).OrderBy(a => a.At).ToList();
        for (int first = 0, last = 0; last < ok.Count; last++)
        {
            while (ok[last].At - ok[first].At > TimeSpan.FromSeconds(1))
            {
                first++;
            }

            if (ok.Skip(first).Take(last - first + 1).Select(a => a.Body).Distinct().Count() >= wanted)
            {
                return ok[last].At;
            }
        }

        return null;
    }

    private async Task UntilInstancesAsync(int count)
    {
        var limit = Stopwatch.StartNew();
        while ((await berth.Admin.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances"))!.Length != count)
        {
            if (limit.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{id} did not go back to {count} instance(s)");
            }

            await Task.Delay(100);
        }
    }
}
