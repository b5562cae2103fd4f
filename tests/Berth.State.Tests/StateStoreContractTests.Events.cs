using Berth.Core.Events;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IEventStore Events => (IEventStore)Store;

    [Fact]
    public async Task AppendEventAsync_SeveralApps_NumbersInOrderAndListsPerApp()
    {
        var first = await Events.AppendEventAsync(Event("hello", AppEventType.InstanceStarted, "i1 started"), Ct);
        await Events.AppendEventAsync(Event("other", AppEventType.InstanceStarted, "o1 started"), Ct);
        Clock.Now = StateTestData.Epoch.AddSeconds(3);
        var third = await Events.AppendEventAsync(Event("hello", AppEventType.Unhealthy, "i1 failed 2 checks"), Ct);

        Assert.True(third.Sequence > first.Sequence);
        var listed = await Events.ListEventsAsync("hello", 0, 100, Ct);
        Assert.Equal([first, third], listed, AssertEventEqual);
        Assert.Equal(StateTestData.Epoch.AddSeconds(3), listed[1].Time);
        Assert.Equal([third], await Events.ListEventsAsync("hello", first.Sequence, 100, Ct), AssertEventEqual);
    }

    [Fact]
    public async Task AppendEventAsync_WithLogsAndInstance_RoundTrips()
    {
        var stored = await Events.AppendEventAsync(
            Event("hello", AppEventType.StartFailed, "i1 exited with 3 while starting") with
            {
                InstanceId = "i1",
                HostName = "h1",
                Logs = ["starting", "fatal: no database configured"],
                Time = StateTestData.Epoch.AddMinutes(1),
            },
            Ct);

        var read = Assert.Single(await Events.ListEventsAsync("hello", 0, 10, Ct));
        Assert.True(AssertEventEqual(stored, read));
        Assert.Equal(["starting", "fatal: no database configured"], read.Logs);
        Assert.Equal(StateTestData.Epoch.AddMinutes(1), read.Time);
    }

    [Fact]
    public async Task AppendEventAsync_ManyAtOnce_GivesEachItsOwnSequence()
    {
        var appended = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Events.AppendEventAsync(Event("hello", AppEventType.Reconciled, $"event {i}"), Ct)));

        Assert.Equal(20, appended.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(20, (await Events.ListEventsAsync("hello", 0, 100, Ct)).Count);
    }

    [Fact]
    public async Task ListLatestEventsAsync_MoreThanAsked_ReturnsNewestOldestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await Events.AppendEventAsync(Event("hello", AppEventType.Reconciled, $"event {i}"), Ct);
        }

        Assert.Equal(["event 3", "event 4"], (await Events.ListLatestEventsAsync("hello", 2, Ct)).Select(e => e.Message));
        Assert.Equal(["event 0", "event 1"], (await Events.ListEventsAsync("hello", 0, 2, Ct)).Select(e => e.Message));
    }

    [Fact]
    public async Task DeleteEventsAsync_App_ForgetsOnlyItsEvents()
    {
        await Events.AppendEventAsync(Event("hello", AppEventType.Retired, "gone"), Ct);
        await Events.AppendEventAsync(Event("other", AppEventType.Retired, "stays"), Ct);

        await Events.DeleteEventsAsync("hello", Ct);

        Assert.Empty(await Events.ListEventsAsync("hello", 0, 10, Ct));
        Assert.Single(await Events.ListEventsAsync("other", 0, 10, Ct));
    }

    private static AppEvent Event(string appId, AppEventType type, string message) => new() { AppId = appId, Type = type, Message = message };

    /// <summary>Compares events field by field, since their log lists are compared by reference.</summary>
    private static bool AssertEventEqual(AppEvent expected, AppEvent actual)
    {
        Assert.Equal(expected.Logs, actual.Logs);
        Assert.Equal(expected, actual with { Logs = expected.Logs });
        return true;
    }
}
